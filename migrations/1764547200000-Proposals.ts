import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Joint programme proposals (which become programmes once approved): the aggregate, its tags,
 * budget lines per PUNO × category 1–7, immutable revisions, documents, and status history.
 */
export class Proposals1764547200000 implements MigrationInterface {
  name = 'Proposals1764547200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE proposal_reference_counters (
        year smallint PRIMARY KEY,
        last_number integer NOT NULL
      );

      CREATE TABLE proposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE CHECK (reference ~ '^MIG-[0-9]{4}-[0-9]{4,}$'),
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        stage text NOT NULL CHECK (stage IN ('CONCEPT_NOTE','FULL_PROPOSAL')),
        scope text NOT NULL CHECK (scope IN ('NATIONAL','REGIONAL','GLOBAL')),
        thematic_area_code smallint NOT NULL REFERENCES thematic_areas(code),
        convener_org_id uuid NOT NULL REFERENCES organizations(id),
        duration_months smallint NOT NULL CHECK (duration_months > 0),
        marker_gender smallint NOT NULL CHECK (marker_gender BETWEEN 0 AND 3),
        marker_human_rights smallint NOT NULL CHECK (marker_human_rights BETWEEN 0 AND 3),
        marker_child_sensitivity smallint NOT NULL CHECK (marker_child_sensitivity BETWEEN 0 AND 3),
        government_endorsed boolean,
        government_endorsement_date date,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','SUBMITTED','UNDER_REVIEW','RETURNED','INELIGIBLE',
          'REVISION_REQUESTED','APPROVED','PIPELINE','REJECTED','WITHDRAWN','ACTIVE','OPERATIONALLY_CLOSED','FINANCIALLY_CLOSED')),
        -- Number of the latest submitted revision (0 while never submitted).
        version integer NOT NULL DEFAULT 0,
        review_due_date date,
        start_date date,
        submitted_at timestamptz,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
          setweight(to_tsvector('english', coalesce(summary, '')), 'B')
        ) STORED
      );
      CREATE INDEX proposals_status_idx ON proposals (status, created_at DESC, id);
      CREATE INDEX proposals_area_idx ON proposals (thematic_area_code);
      CREATE INDEX proposals_convener_idx ON proposals (convener_org_id);
      CREATE INDEX proposals_review_due_idx ON proposals (review_due_date, id) WHERE status = 'UNDER_REVIEW';
      CREATE INDEX proposals_search_idx ON proposals USING gin (search);

      CREATE TABLE proposal_countries (
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        country_code char(3) NOT NULL REFERENCES countries(code),
        PRIMARY KEY (proposal_id, country_code)
      );
      CREATE INDEX proposal_countries_country_idx ON proposal_countries (country_code, proposal_id);

      CREATE TABLE proposal_objectives (
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        gcm_objective_code smallint NOT NULL REFERENCES gcm_objectives(code),
        PRIMARY KEY (proposal_id, gcm_objective_code)
      );
      CREATE INDEX proposal_objectives_objective_idx ON proposal_objectives (gcm_objective_code, proposal_id);

      -- The participating UN organizations (PUNOs); the convener is one of them.
      CREATE TABLE proposal_organizations (
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        position smallint NOT NULL DEFAULT 0,
        PRIMARY KEY (proposal_id, organization_id)
      );
      CREATE INDEX proposal_organizations_org_idx ON proposal_organizations (organization_id, proposal_id);

      -- Direct costs only (categories 1–7), integer cents; category 8 is computed from these.
      CREATE TABLE proposal_budget_lines (
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        category_code smallint NOT NULL REFERENCES budget_categories(code),
        amount bigint NOT NULL CHECK (amount >= 0),
        PRIMARY KEY (proposal_id, organization_id, category_code)
      );

      CREATE TABLE proposal_partners (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        name text NOT NULL,
        type text NOT NULL,
        position smallint NOT NULL DEFAULT 0
      );
      CREATE INDEX proposal_partners_proposal_idx ON proposal_partners (proposal_id);

      -- Immutable full snapshots, one per submission.
      CREATE TABLE proposal_revisions (
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        snapshot jsonb NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        submitted_by uuid NOT NULL REFERENCES users(id),
        PRIMARY KEY (proposal_id, version)
      );

      CREATE TABLE proposal_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('CONCEPT_NOTE','PROGRAMME_DOCUMENT','ENDORSEMENT_LETTER','BUDGET','OTHER')),
        filename text NOT NULL,
        content_type text NOT NULL,
        bytes integer NOT NULL CHECK (bytes > 0),
        sha256 char(64) NOT NULL,
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX proposal_documents_proposal_idx ON proposal_documents (proposal_id, uploaded_at);

      -- Every lifecycle transition with who and why: the status timeline users see.
      CREATE TABLE proposal_status_changes (
        id bigserial PRIMARY KEY,
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        actor_id uuid REFERENCES users(id),
        comment text,
        occurred_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX proposal_status_changes_proposal_idx ON proposal_status_changes (proposal_id, occurred_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE proposal_status_changes;
      DROP TABLE proposal_documents;
      DROP TABLE proposal_revisions;
      DROP TABLE proposal_partners;
      DROP TABLE proposal_budget_lines;
      DROP TABLE proposal_organizations;
      DROP TABLE proposal_objectives;
      DROP TABLE proposal_countries;
      DROP TABLE proposals;
      DROP TABLE proposal_reference_counters;
    `);
  }
}
