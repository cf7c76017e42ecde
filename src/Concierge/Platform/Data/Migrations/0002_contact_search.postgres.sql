-- Agents search customers by email and name from the inbox.
CREATE INDEX "IX_contacts_Email" ON "contacts" ("Email");
CREATE INDEX "IX_contacts_Name" ON "contacts" ("Name");
