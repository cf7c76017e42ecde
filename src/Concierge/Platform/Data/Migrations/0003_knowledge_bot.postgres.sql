-- The knowledge base (FAQs with phrasings and answers per language), the bot's explainability records,
-- and the bot's per-conversation state and quick replies.
ALTER TABLE conversations ADD "BotFailures" integer NOT NULL DEFAULT 0;

ALTER TABLE conversations ADD "LastClarifyKey" character varying(500) NULL;

ALTER TABLE conversations ADD "SkillStateJson" text NULL;

ALTER TABLE messages ADD "QuickRepliesJson" text NULL;

ALTER TABLE messages ADD "Helpful" boolean NULL;

ALTER TABLE inboxes ADD "VipGreeting" character varying(1000) NOT NULL DEFAULT '';

ALTER TABLE inboxes ADD "VipSkipsBot" boolean NOT NULL DEFAULT FALSE;

CREATE TABLE knowledge_items (
    "Id" uuid NOT NULL,
    "Key" character varying(200) NOT NULL,
    "Category" character varying(100) NOT NULL,
    "Tags" character varying(1000) NOT NULL,
    "ProductLine" character varying(100) NOT NULL,
    "Status" integer NOT NULL,
    "Version" integer NOT NULL,
    "Owner" character varying(200) NOT NULL,
    "ValidFrom" timestamp with time zone,
    "ValidTo" timestamp with time zone,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "PublishedAt" timestamp with time zone,
    CONSTRAINT "PK_knowledge_items" PRIMARY KEY ("Id")
);

CREATE TABLE bot_turns (
    "Id" uuid NOT NULL,
    "ConversationId" uuid NOT NULL,
    "MessageId" uuid NOT NULL,
    "Action" character varying(20) NOT NULL,
    "Reason" character varying(500) NOT NULL,
    "FaqKey" character varying(200),
    "Emotion" character varying(20),
    "CandidatesJson" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_bot_turns" PRIMARY KEY ("Id")
);

CREATE TABLE knowledge_answers (
    "Id" uuid NOT NULL,
    "ItemId" uuid NOT NULL,
    "Language" character varying(8) NOT NULL,
    "Channel" character varying(32) NOT NULL,
    "Body" text NOT NULL,
    CONSTRAINT "PK_knowledge_answers" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_knowledge_answers_knowledge_items_ItemId" FOREIGN KEY ("ItemId") REFERENCES knowledge_items ("Id") ON DELETE CASCADE
);

CREATE TABLE knowledge_phrasings (
    "Id" uuid NOT NULL,
    "ItemId" uuid NOT NULL,
    "Text" character varying(1000) NOT NULL,
    "Language" character varying(8) NOT NULL,
    "IsStandard" boolean NOT NULL,
    "Source" character varying(20) NOT NULL,
    CONSTRAINT "PK_knowledge_phrasings" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_knowledge_phrasings_knowledge_items_ItemId" FOREIGN KEY ("ItemId") REFERENCES knowledge_items ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_knowledge_items_Key" ON knowledge_items ("Key");

CREATE INDEX "IX_knowledge_items_Status" ON knowledge_items ("Status");

CREATE INDEX "IX_bot_turns_ConversationId" ON bot_turns ("ConversationId");

CREATE INDEX "IX_knowledge_answers_ItemId" ON knowledge_answers ("ItemId");

CREATE INDEX "IX_knowledge_phrasings_ItemId" ON knowledge_phrasings ("ItemId");

-- The self-learning loop: questions the knowledge base did not serve.
CREATE TABLE unanswered_questions (
    "Id" uuid NOT NULL,
    "Text" character varying(4000) NOT NULL,
    "Language" character varying(8) NOT NULL,
    "Reason" character varying(20) NOT NULL,
    "FaqKey" character varying(200),
    "ConversationId" uuid NOT NULL,
    "MessageId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ResolvedAt" timestamp with time zone,
    "ResolvedAs" character varying(200),
    CONSTRAINT "PK_unanswered_questions" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_unanswered_questions_MessageId" ON unanswered_questions ("MessageId");

CREATE INDEX "IX_unanswered_questions_ResolvedAt_CreatedAt" ON unanswered_questions ("ResolvedAt", "CreatedAt");
