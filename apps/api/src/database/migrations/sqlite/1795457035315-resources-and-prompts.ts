import { MigrationInterface, QueryRunner } from 'typeorm';

export class ResourcesAndPrompts1795457035315 implements MigrationInterface {
  name = 'ResourcesAndPrompts1795457035315';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"server_resources\" (\"id\" varchar PRIMARY KEY NOT NULL, \"server_id\" varchar NOT NULL, \"uri\" varchar(1000) NOT NULL, \"name\" varchar(100) NOT NULL, \"description\" varchar(2000) NOT NULL DEFAULT (''), \"mime_type\" varchar(200), \"target_type\" varchar(16) NOT NULL, \"target_text\" text, \"target_url\" varchar(2000), \"timeout_ms\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"UQ_fa5df6c877a05b996f509739e12\" UNIQUE (\"server_id\", \"uri\"))");
    await queryRunner.query("CREATE INDEX \"IDX_b535040665a0535c19e70437e4\" ON \"server_resources\" (\"server_id\") ");
    await queryRunner.query("CREATE TABLE \"server_prompts\" (\"id\" varchar PRIMARY KEY NOT NULL, \"server_id\" varchar NOT NULL, \"name\" varchar(100) NOT NULL, \"description\" varchar(2000) NOT NULL DEFAULT (''), \"arguments\" jsonb NOT NULL, \"template\" text NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"UQ_3e424da64317ed31a5cde709c03\" UNIQUE (\"server_id\", \"name\"))");
    await queryRunner.query("CREATE INDEX \"IDX_b84c5120a3ddd729b6d142cc9a\" ON \"server_prompts\" (\"server_id\") ");
    await queryRunner.query("DROP INDEX \"IDX_b535040665a0535c19e70437e4\"");
    await queryRunner.query("CREATE TABLE \"temporary_server_resources\" (\"id\" varchar PRIMARY KEY NOT NULL, \"server_id\" varchar NOT NULL, \"uri\" varchar(1000) NOT NULL, \"name\" varchar(100) NOT NULL, \"description\" varchar(2000) NOT NULL DEFAULT (''), \"mime_type\" varchar(200), \"target_type\" varchar(16) NOT NULL, \"target_text\" text, \"target_url\" varchar(2000), \"timeout_ms\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"UQ_fa5df6c877a05b996f509739e12\" UNIQUE (\"server_id\", \"uri\"), CONSTRAINT \"FK_b535040665a0535c19e70437e44\" FOREIGN KEY (\"server_id\") REFERENCES \"virtual_servers\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_server_resources\"(\"id\", \"server_id\", \"uri\", \"name\", \"description\", \"mime_type\", \"target_type\", \"target_text\", \"target_url\", \"timeout_ms\", \"created_at\") SELECT \"id\", \"server_id\", \"uri\", \"name\", \"description\", \"mime_type\", \"target_type\", \"target_text\", \"target_url\", \"timeout_ms\", \"created_at\" FROM \"server_resources\"");
    await queryRunner.query("DROP TABLE \"server_resources\"");
    await queryRunner.query("ALTER TABLE \"temporary_server_resources\" RENAME TO \"server_resources\"");
    await queryRunner.query("CREATE INDEX \"IDX_b535040665a0535c19e70437e4\" ON \"server_resources\" (\"server_id\") ");
    await queryRunner.query("DROP INDEX \"IDX_b84c5120a3ddd729b6d142cc9a\"");
    await queryRunner.query("CREATE TABLE \"temporary_server_prompts\" (\"id\" varchar PRIMARY KEY NOT NULL, \"server_id\" varchar NOT NULL, \"name\" varchar(100) NOT NULL, \"description\" varchar(2000) NOT NULL DEFAULT (''), \"arguments\" jsonb NOT NULL, \"template\" text NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"UQ_3e424da64317ed31a5cde709c03\" UNIQUE (\"server_id\", \"name\"), CONSTRAINT \"FK_b84c5120a3ddd729b6d142cc9a8\" FOREIGN KEY (\"server_id\") REFERENCES \"virtual_servers\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_server_prompts\"(\"id\", \"server_id\", \"name\", \"description\", \"arguments\", \"template\", \"created_at\") SELECT \"id\", \"server_id\", \"name\", \"description\", \"arguments\", \"template\", \"created_at\" FROM \"server_prompts\"");
    await queryRunner.query("DROP TABLE \"server_prompts\"");
    await queryRunner.query("ALTER TABLE \"temporary_server_prompts\" RENAME TO \"server_prompts\"");
    await queryRunner.query("CREATE INDEX \"IDX_b84c5120a3ddd729b6d142cc9a\" ON \"server_prompts\" (\"server_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_b84c5120a3ddd729b6d142cc9a\"");
    await queryRunner.query("ALTER TABLE \"server_prompts\" RENAME TO \"temporary_server_prompts\"");
    await queryRunner.query("CREATE TABLE \"server_prompts\" (\"id\" varchar PRIMARY KEY NOT NULL, \"server_id\" varchar NOT NULL, \"name\" varchar(100) NOT NULL, \"description\" varchar(2000) NOT NULL DEFAULT (''), \"arguments\" jsonb NOT NULL, \"template\" text NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"UQ_3e424da64317ed31a5cde709c03\" UNIQUE (\"server_id\", \"name\"))");
    await queryRunner.query("INSERT INTO \"server_prompts\"(\"id\", \"server_id\", \"name\", \"description\", \"arguments\", \"template\", \"created_at\") SELECT \"id\", \"server_id\", \"name\", \"description\", \"arguments\", \"template\", \"created_at\" FROM \"temporary_server_prompts\"");
    await queryRunner.query("DROP TABLE \"temporary_server_prompts\"");
    await queryRunner.query("CREATE INDEX \"IDX_b84c5120a3ddd729b6d142cc9a\" ON \"server_prompts\" (\"server_id\") ");
    await queryRunner.query("DROP INDEX \"IDX_b535040665a0535c19e70437e4\"");
    await queryRunner.query("ALTER TABLE \"server_resources\" RENAME TO \"temporary_server_resources\"");
    await queryRunner.query("CREATE TABLE \"server_resources\" (\"id\" varchar PRIMARY KEY NOT NULL, \"server_id\" varchar NOT NULL, \"uri\" varchar(1000) NOT NULL, \"name\" varchar(100) NOT NULL, \"description\" varchar(2000) NOT NULL DEFAULT (''), \"mime_type\" varchar(200), \"target_type\" varchar(16) NOT NULL, \"target_text\" text, \"target_url\" varchar(2000), \"timeout_ms\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"UQ_fa5df6c877a05b996f509739e12\" UNIQUE (\"server_id\", \"uri\"))");
    await queryRunner.query("INSERT INTO \"server_resources\"(\"id\", \"server_id\", \"uri\", \"name\", \"description\", \"mime_type\", \"target_type\", \"target_text\", \"target_url\", \"timeout_ms\", \"created_at\") SELECT \"id\", \"server_id\", \"uri\", \"name\", \"description\", \"mime_type\", \"target_type\", \"target_text\", \"target_url\", \"timeout_ms\", \"created_at\" FROM \"temporary_server_resources\"");
    await queryRunner.query("DROP TABLE \"temporary_server_resources\"");
    await queryRunner.query("CREATE INDEX \"IDX_b535040665a0535c19e70437e4\" ON \"server_resources\" (\"server_id\") ");
    await queryRunner.query("DROP INDEX \"IDX_b84c5120a3ddd729b6d142cc9a\"");
    await queryRunner.query("DROP TABLE \"server_prompts\"");
    await queryRunner.query("DROP INDEX \"IDX_b535040665a0535c19e70437e4\"");
    await queryRunner.query("DROP TABLE \"server_resources\"");
  }
}
