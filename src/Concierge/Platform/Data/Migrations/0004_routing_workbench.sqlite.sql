-- Routing (agent level, teams, presence; conversation queue facts; per-inbox rules, roll-out and hours) and the agent
-- workbench (internal notes, per-message emotion, canned responses, mentions, routing decisions).
ALTER TABLE "AspNetUsers" ADD "Level" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "AspNetUsers" ADD "Teams" TEXT NOT NULL DEFAULT '';

ALTER TABLE "AspNetUsers" ADD "Presence" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "AspNetUsers" ADD "PresenceChangedAt" INTEGER NULL;

ALTER TABLE "conversations" ADD "QueuedAt" INTEGER NULL;

ALTER TABLE "conversations" ADD "RequiredSkills" TEXT NOT NULL DEFAULT '';

ALTER TABLE "conversations" ADD "Team" TEXT NULL;

ALTER TABLE "conversations" ADD "Topic" TEXT NULL;

ALTER TABLE "conversations" ADD "Emotion" TEXT NULL;

ALTER TABLE "conversations" ADD "RiskLocked" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "conversations" ADD "FollowUp" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "messages" ADD "IsPrivate" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "messages" ADD "Emotion" TEXT NULL;

ALTER TABLE "messages" ADD "Negativity" REAL NULL;

ALTER TABLE "inboxes" ADD "Rollout" TEXT NOT NULL DEFAULT 'bot-first';

ALTER TABLE "inboxes" ADD "RoutingRulesJson" TEXT NOT NULL DEFAULT '';

ALTER TABLE "inboxes" ADD "BusinessHoursJson" TEXT NOT NULL DEFAULT '';

CREATE TABLE "routing_decisions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_routing_decisions" PRIMARY KEY,
    "ConversationId" TEXT NOT NULL,
    "AgentId" TEXT NOT NULL,
    "AgentName" TEXT NOT NULL,
    "Trigger" TEXT NOT NULL,
    "EligibleAgents" INTEGER NOT NULL,
    "SkillsRelaxed" INTEGER NOT NULL,
    "SeniorFirst" INTEGER NOT NULL,
    "ReasonsJson" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE INDEX "IX_routing_decisions_ConversationId_CreatedAt" ON "routing_decisions" ("ConversationId", "CreatedAt");

CREATE TABLE "canned_responses" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_canned_responses" PRIMARY KEY,
    "Shortcut" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_canned_responses_Shortcut_Language" ON "canned_responses" ("Shortcut", "Language");

CREATE TABLE "mentions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_mentions" PRIMARY KEY,
    "ConversationId" TEXT NOT NULL,
    "MessageId" TEXT NOT NULL,
    "AgentId" TEXT NOT NULL,
    "MentionedBy" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ReadAt" INTEGER NULL
);

CREATE INDEX "IX_mentions_AgentId_ReadAt" ON "mentions" ("AgentId", "ReadAt");

CREATE INDEX "IX_mentions_MessageId" ON "mentions" ("MessageId");
