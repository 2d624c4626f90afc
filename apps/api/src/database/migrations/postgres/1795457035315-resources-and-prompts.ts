import { MigrationInterface, QueryRunner } from 'typeorm';

export class ResourcesAndPrompts1795457035315 implements MigrationInterface {
  name = 'ResourcesAndPrompts1795457035315';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"server_resources\" (\"id\" uuid NOT NULL, \"server_id\" uuid NOT NULL, \"uri\" character varying(1000) NOT NULL, \"name\" character varying(100) NOT NULL, \"description\" character varying(2000) NOT NULL DEFAULT '', \"mime_type\" character varying(200), \"target_type\" character varying(16) NOT NULL, \"target_text\" text, \"target_url\" character varying(2000), \"timeout_ms\" integer, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"UQ_fa5df6c877a05b996f509739e12\" UNIQUE (\"server_id\", \"uri\"), CONSTRAINT \"PK_b2668127ffcdd18bd8302929dae\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_b535040665a0535c19e70437e4\" ON \"server_resources\"  (\"server_id\") ");
    await queryRunner.query("CREATE TABLE \"server_prompts\" (\"id\" uuid NOT NULL, \"server_id\" uuid NOT NULL, \"name\" character varying(100) NOT NULL, \"description\" character varying(2000) NOT NULL DEFAULT '', \"arguments\" jsonb NOT NULL, \"template\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"UQ_3e424da64317ed31a5cde709c03\" UNIQUE (\"server_id\", \"name\"), CONSTRAINT \"PK_e26b6652c6c32f40e34ff9b45cd\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_b84c5120a3ddd729b6d142cc9a\" ON \"server_prompts\"  (\"server_id\") ");
    await queryRunner.query("ALTER TABLE \"server_resources\" ADD CONSTRAINT \"FK_b535040665a0535c19e70437e44\" FOREIGN KEY (\"server_id\") REFERENCES \"virtual_servers\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"server_prompts\" ADD CONSTRAINT \"FK_b84c5120a3ddd729b6d142cc9a8\" FOREIGN KEY (\"server_id\") REFERENCES \"virtual_servers\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"server_prompts\" DROP CONSTRAINT \"FK_b84c5120a3ddd729b6d142cc9a8\"");
    await queryRunner.query("ALTER TABLE \"server_resources\" DROP CONSTRAINT \"FK_b535040665a0535c19e70437e44\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_b84c5120a3ddd729b6d142cc9a\"");
    await queryRunner.query("DROP TABLE \"server_prompts\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_b535040665a0535c19e70437e4\"");
    await queryRunner.query("DROP TABLE \"server_resources\"");
  }
}
