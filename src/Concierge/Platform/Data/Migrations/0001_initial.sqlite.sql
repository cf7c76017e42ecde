CREATE TABLE "api_tokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_api_tokens" PRIMARY KEY,
    "AgentId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "Hint" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastUsedAt" INTEGER NULL,
    "RevokedAt" INTEGER NULL
);


CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Skills" TEXT NOT NULL,
    "MaxConcurrentChats" INTEGER NOT NULL,
    "Language" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);


CREATE TABLE "contacts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_contacts" PRIMARY KEY,
    "ExternalId" TEXT NULL,
    "Name" TEXT NOT NULL,
    "Email" TEXT NULL,
    "Phone" TEXT NULL,
    "AttributesJson" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastSeenAt" INTEGER NOT NULL
);


CREATE TABLE "conversations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_conversations" PRIMARY KEY,
    "InboxId" TEXT NOT NULL,
    "ContactId" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "AssigneeId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastMessageAt" INTEGER NOT NULL,
    "LastMessagePreview" TEXT NOT NULL,
    "ResolvedAt" INTEGER NULL,
    "LastSeq" INTEGER NOT NULL,
    "UnreadCount" INTEGER NOT NULL,
    "Language" TEXT NOT NULL
);


CREATE TABLE "inbox_members" (
    "InboxId" TEXT NOT NULL,
    "AgentId" TEXT NOT NULL,
    CONSTRAINT "PK_inbox_members" PRIMARY KEY ("InboxId", "AgentId")
);


CREATE TABLE "inboxes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_inboxes" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "ApiKeyHash" TEXT NULL,
    "ApiKeyHint" TEXT NULL,
    "IdentitySecret" TEXT NOT NULL,
    "WebhookUrl" TEXT NULL,
    "WebhookSecret" TEXT NULL,
    "BotEnabled" INTEGER NOT NULL,
    "Greeting" TEXT NOT NULL,
    "WidgetColor" TEXT NOT NULL,
    "IsArchived" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "messages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_messages" PRIMARY KEY,
    "ConversationId" TEXT NOT NULL,
    "InboxId" TEXT NOT NULL,
    "ContactId" TEXT NOT NULL,
    "Seq" INTEGER NOT NULL,
    "Direction" INTEGER NOT NULL,
    "SenderType" INTEGER NOT NULL,
    "SenderId" TEXT NULL,
    "SenderName" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "ClientMessageId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DeliveryStatus" INTEGER NOT NULL,
    "DeliveryAttempts" INTEGER NOT NULL,
    "DeliveryError" TEXT NULL,
    CONSTRAINT "FK_messages_conversations_ConversationId" FOREIGN KEY ("ConversationId") REFERENCES "conversations" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_api_tokens_AgentId" ON "api_tokens" ("AgentId");


CREATE UNIQUE INDEX "IX_api_tokens_TokenHash" ON "api_tokens" ("TokenHash");


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");


CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE UNIQUE INDEX "IX_contacts_ExternalId" ON "contacts" ("ExternalId");


CREATE INDEX "IX_conversations_AssigneeId_Status" ON "conversations" ("AssigneeId", "Status");


CREATE INDEX "IX_conversations_ContactId_LastMessageAt" ON "conversations" ("ContactId", "LastMessageAt");


CREATE INDEX "IX_conversations_InboxId_Status_LastMessageAt" ON "conversations" ("InboxId", "Status", "LastMessageAt");


CREATE INDEX "IX_inbox_members_AgentId" ON "inbox_members" ("AgentId");


CREATE UNIQUE INDEX "IX_inboxes_ApiKeyHash" ON "inboxes" ("ApiKeyHash");


CREATE UNIQUE INDEX "IX_messages_ConversationId_Seq" ON "messages" ("ConversationId", "Seq");


CREATE INDEX "IX_messages_DeliveryStatus_CreatedAt" ON "messages" ("DeliveryStatus", "CreatedAt");


CREATE UNIQUE INDEX "IX_messages_InboxId_ContactId_ClientMessageId" ON "messages" ("InboxId", "ContactId", "ClientMessageId");



