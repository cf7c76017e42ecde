-- Routing (agent level, teams, presence; conversation queue facts; per-inbox rules, roll-out and hours) and the agent
-- workbench (internal notes, per-message emotion, canned responses, mentions, routing decisions).
ALTER TABLE "AspNetUsers" ADD "Level" integer NOT NULL DEFAULT 0;

ALTER TABLE "AspNetUsers" ADD "Teams" character varying(500) NOT NULL DEFAULT '';

ALTER TABLE "AspNetUsers" ADD "Presence" integer NOT NULL DEFAULT 0;

ALTER TABLE "AspNetUsers" ADD "PresenceChangedAt" timestamp with time zone NULL;

ALTER TABLE conversations ADD "QueuedAt" timestamp with time zone NULL;

ALTER TABLE conversations ADD "RequiredSkills" character varying(500) NOT NULL DEFAULT '';

ALTER TABLE conversations ADD "Team" character varying(100) NULL;

ALTER TABLE conversations ADD "Topic" character varying(100) NULL;

ALTER TABLE conversations ADD "Emotion" character varying(20) NULL;

ALTER TABLE conversations ADD "RiskLocked" boolean NOT NULL DEFAULT FALSE;

ALTER TABLE conversations ADD "FollowUp" boolean NOT NULL DEFAULT FALSE;

ALTER TABLE messages ADD "IsPrivate" boolean NOT NULL DEFAULT FALSE;

ALTER TABLE messages ADD "Emotion" character varying(20) NULL;

ALTER TABLE messages ADD "Negativity" double precision NULL;

ALTER TABLE inboxes ADD "Rollout" character varying(20) NOT NULL DEFAULT 'bot-first';

ALTER TABLE inboxes ADD "RoutingRulesJson" text NOT NULL DEFAULT '';

ALTER TABLE inboxes ADD "BusinessHoursJson" text NOT NULL DEFAULT '';

CREATE TABLE routing_decisions (
    "Id" uuid NOT NULL,
    "ConversationId" uuid NOT NULL,
    "AgentId" uuid NOT NULL,
    "AgentName" character varying(200) NOT NULL,
    "Trigger" character varying(20) NOT NULL,
    "EligibleAgents" integer NOT NULL,
    "SkillsRelaxed" boolean NOT NULL,
    "SeniorFirst" boolean NOT NULL,
    "ReasonsJson" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_routing_decisions" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_routing_decisions_ConversationId_CreatedAt" ON routing_decisions ("ConversationId", "CreatedAt");

CREATE TABLE canned_responses (
    "Id" uuid NOT NULL,
    "Shortcut" character varying(50) NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Body" character varying(4000) NOT NULL,
    "Language" character varying(8) NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_canned_responses" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_canned_responses_Shortcut_Language" ON canned_responses ("Shortcut", "Language");

CREATE TABLE mentions (
    "Id" uuid NOT NULL,
    "ConversationId" uuid NOT NULL,
    "MessageId" uuid NOT NULL,
    "AgentId" uuid NOT NULL,
    "MentionedBy" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ReadAt" timestamp with time zone NULL,
    CONSTRAINT "PK_mentions" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_mentions_AgentId_ReadAt" ON mentions ("AgentId", "ReadAt");

CREATE INDEX "IX_mentions_MessageId" ON mentions ("MessageId");
