-- Skill definitions edited in the admin UI; they override the built-in definitions of the same name.
CREATE TABLE skill_definitions (
    "Id" uuid NOT NULL,
    "Name" character varying(64) NOT NULL,
    "Json" text NOT NULL,
    "IsEnabled" boolean NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "UpdatedBy" character varying(200) NOT NULL,
    CONSTRAINT "PK_skill_definitions" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_skill_definitions_Name" ON skill_definitions ("Name");
