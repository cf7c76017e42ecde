-- The knowledge base (FAQs with phrasings and answers per language), the bot's explainability records,
-- and the bot's per-conversation state and quick replies.
ALTER TABLE "conversations" ADD "BotFailures" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "conversations" ADD "LastClarifyKey" TEXT NULL;

ALTER TABLE "conversations" ADD "SkillStateJson" TEXT NULL;

ALTER TABLE "messages" ADD "QuickRepliesJson" TEXT NULL;

ALTER TABLE "messages" ADD "Helpful" INTEGER NULL;

ALTER TABLE "inboxes" ADD "VipGreeting" TEXT NOT NULL DEFAULT '';

ALTER TABLE "inboxes" ADD "VipSkipsBot" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "knowledge_items" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_knowledge_items" PRIMARY KEY,
    "Key" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "Tags" TEXT NOT NULL,
    "ProductLine" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "Owner" TEXT NOT NULL,
    "ValidFrom" INTEGER NULL,
    "ValidTo" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "PublishedAt" INTEGER NULL
);

CREATE TABLE "bot_turns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_bot_turns" PRIMARY KEY,
    "ConversationId" TEXT NOT NULL,
    "MessageId" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "FaqKey" TEXT NULL,
    "Emotion" TEXT NULL,
    "CandidatesJson" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "knowledge_answers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_knowledge_answers" PRIMARY KEY,
    "ItemId" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    CONSTRAINT "FK_knowledge_answers_knowledge_items_ItemId" FOREIGN KEY ("ItemId") REFERENCES "knowledge_items" ("Id") ON DELETE CASCADE
);

CREATE TABLE "knowledge_phrasings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_knowledge_phrasings" PRIMARY KEY,
    "ItemId" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "IsStandard" INTEGER NOT NULL,
    "Source" TEXT NOT NULL,
    CONSTRAINT "FK_knowledge_phrasings_knowledge_items_ItemId" FOREIGN KEY ("ItemId") REFERENCES "knowledge_items" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_knowledge_items_Key" ON "knowledge_items" ("Key");

CREATE INDEX "IX_knowledge_items_Status" ON "knowledge_items" ("Status");

CREATE INDEX "IX_bot_turns_ConversationId" ON "bot_turns" ("ConversationId");

CREATE INDEX "IX_knowledge_answers_ItemId" ON "knowledge_answers" ("ItemId");

CREATE INDEX "IX_knowledge_phrasings_ItemId" ON "knowledge_phrasings" ("ItemId");

-- The self-learning loop: questions the knowledge base did not serve.
CREATE TABLE "unanswered_questions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_unanswered_questions" PRIMARY KEY,
    "Text" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "FaqKey" TEXT NULL,
    "ConversationId" TEXT NOT NULL,
    "MessageId" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ResolvedAt" INTEGER NULL,
    "ResolvedAs" TEXT NULL
);

CREATE INDEX "IX_unanswered_questions_MessageId" ON "unanswered_questions" ("MessageId");

CREATE INDEX "IX_unanswered_questions_ResolvedAt_CreatedAt" ON "unanswered_questions" ("ResolvedAt", "CreatedAt");
