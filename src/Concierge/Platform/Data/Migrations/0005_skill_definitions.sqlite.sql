-- Skill definitions edited in the admin UI; they override the built-in definitions of the same name.
CREATE TABLE "skill_definitions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_skill_definitions" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Json" TEXT NOT NULL,
    "IsEnabled" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "UpdatedBy" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_skill_definitions_Name" ON "skill_definitions" ("Name");
