import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764460800000 implements MigrationInterface {
  name = 'Foundation1764460800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9_]{2,20}$'),
        name text NOT NULL,
        acronym text,
        type text NOT NULL CHECK (type IN ('UN_ENTITY','MEMBER_STATE','SECRETARIAT','CSO','OTHER')),
        country_code char(3),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX organizations_type_idx ON organizations (type);

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['ADMIN','FMU_OFFICER','AA_OFFICER','SC_CHAIR','SC_MEMBER','AGENCY_FOCAL_POINT','DONOR_VIEWER']),
        organization_id uuid REFERENCES organizations(id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX users_organization_idx ON users (organization_id);

      CREATE TABLE login_attempts (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        ip text,
        attempted_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX login_attempts_email_idx ON login_attempts (email, attempted_at);
      CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, attempted_at);

      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_email text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        correlation_id text
      );
      CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, occurred_at DESC);
      CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at DESC);

      -- The audit record is append-only: corrections are new events.
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

      CREATE TABLE thematic_areas (
        code smallint PRIMARY KEY CHECK (code BETWEEN 1 AND 99),
        title text NOT NULL,
        short_title text NOT NULL
      );
      CREATE TABLE gcm_objectives (
        code smallint PRIMARY KEY CHECK (code BETWEEN 1 AND 23),
        title text NOT NULL,
        short_title text NOT NULL
      );
      CREATE TABLE thematic_area_objectives (
        thematic_area_code smallint NOT NULL REFERENCES thematic_areas(code) ON DELETE CASCADE,
        gcm_objective_code smallint NOT NULL REFERENCES gcm_objectives(code) ON DELETE CASCADE,
        PRIMARY KEY (thematic_area_code, gcm_objective_code)
      );
      CREATE INDEX thematic_area_objectives_objective_idx ON thematic_area_objectives (gcm_objective_code);
      CREATE TABLE guiding_principles (
        code text PRIMARY KEY,
        title text NOT NULL,
        description text NOT NULL,
        position smallint NOT NULL
      );
      CREATE TABLE budget_categories (
        code smallint PRIMARY KEY CHECK (code BETWEEN 1 AND 8),
        title text NOT NULL,
        direct boolean NOT NULL
      );
      CREATE TABLE review_criteria (
        code text PRIMARY KEY,
        title text NOT NULL,
        description text NOT NULL,
        weight smallint NOT NULL CHECK (weight BETWEEN 0 AND 100),
        position smallint NOT NULL
      );
      CREATE TABLE countries (
        code char(3) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
        alpha2 char(2) NOT NULL UNIQUE,
        name text NOT NULL,
        region text NOT NULL,
        region_code char(3) NOT NULL,
        sub_region text NOT NULL
      );
      CREATE INDEX countries_region_idx ON countries (region);
      ALTER TABLE organizations ADD CONSTRAINT organizations_country_fk FOREIGN KEY (country_code) REFERENCES countries(code);

      CREATE TABLE fund_settings (
        id smallint PRIMARY KEY CHECK (id = 1),
        min_participating_organizations smallint NOT NULL CHECK (min_participating_organizations >= 1),
        min_marker_gender smallint NOT NULL CHECK (min_marker_gender BETWEEN 0 AND 3),
        min_marker_human_rights smallint NOT NULL CHECK (min_marker_human_rights BETWEEN 0 AND 3),
        min_marker_child_sensitivity smallint NOT NULL CHECK (min_marker_child_sensitivity BETWEEN 0 AND 3),
        budget_ceiling bigint NOT NULL CHECK (budget_ceiling > 0),
        min_duration_months smallint NOT NULL CHECK (min_duration_months >= 1),
        max_duration_months smallint NOT NULL CHECK (max_duration_months >= min_duration_months),
        indirect_rate numeric(6,4) NOT NULL CHECK (indirect_rate >= 0 AND indirect_rate < 1),
        aa_fee_rate numeric(6,4) NOT NULL CHECK (aa_fee_rate >= 0 AND aa_fee_rate < 1),
        review_window_days smallint NOT NULL CHECK (review_window_days >= 1),
        expenditure_deadline text NOT NULL CHECK (expenditure_deadline ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE worker_heartbeats (
        id uuid PRIMARY KEY,
        requested_at timestamptz NOT NULL,
        processed_at timestamptz,
        worker text
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE worker_heartbeats;
      DROP TABLE fund_settings;
      ALTER TABLE organizations DROP CONSTRAINT organizations_country_fk;
      DROP TABLE countries;
      DROP TABLE review_criteria;
      DROP TABLE budget_categories;
      DROP TABLE guiding_principles;
      DROP TABLE thematic_area_objectives;
      DROP TABLE gcm_objectives;
      DROP TABLE thematic_areas;
      DROP TRIGGER audit_events_no_change ON audit_events;
      DROP FUNCTION audit_events_append_only();
      DROP TABLE audit_events;
      DROP TABLE login_attempts;
      DROP TABLE users;
      DROP TABLE organizations;
    `);
  }
}
