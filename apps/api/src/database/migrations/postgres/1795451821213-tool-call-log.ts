import { MigrationInterface, QueryRunner } from 'typeorm';

export class ToolCallLog1795451821213 implements MigrationInterface {
  name = 'ToolCallLog1795451821213';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"tool_call_log\" (\"id\" uuid NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"server_id\" uuid NOT NULL, \"server_name\" character varying(200) NOT NULL, \"tool_name\" character varying(200) NOT NULL, \"user_id\" uuid, \"outcome\" character varying(16) NOT NULL, \"duration_ms\" double precision NOT NULL, \"arguments\" jsonb, \"result\" jsonb, \"plugin_violation\" character varying(200), CONSTRAINT \"PK_66eb8945d23db7722d70b18a253\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_7e536572fdd50f6c80904bdfa1\" ON \"tool_call_log\"  (\"server_id\", \"at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_14f05001677fe4b0893e701768\" ON \"tool_call_log\"  (\"at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"IDX_14f05001677fe4b0893e701768\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_7e536572fdd50f6c80904bdfa1\"");
    await queryRunner.query("DROP TABLE \"tool_call_log\"");
  }
}
