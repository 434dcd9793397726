-- CreateTable
CREATE TABLE "LegalPage" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LegalPage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalPageRevision" (
    "id" TEXT NOT NULL,
    "pageId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "editorId" TEXT,
    "savedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LegalPageRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LegalPageRevision_pageId_version_key" ON "LegalPageRevision"("pageId", "version");

-- AddForeignKey
ALTER TABLE "LegalPageRevision" ADD CONSTRAINT "LegalPageRevision_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "LegalPage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalPageRevision" ADD CONSTRAINT "LegalPageRevision_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "Editor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Both pages exist from the start, saying they are not written yet, so that the footer's links
-- never lead nowhere; an admin writes them in /admin/legal.
INSERT INTO "LegalPage" ("id", "title", "body", "version", "updatedAt") VALUES
  ('impressum', 'Impressum', E'This page has not been written yet.\n\nAn admin writes it under **Admin → Legal pages**: the company''s name and address, who represents it, how to reach it, its register entry and VAT number.', 1, CURRENT_TIMESTAMP),
  ('datenschutz', 'Privacy policy', E'This page has not been written yet.\n\nAn admin writes it under **Admin → Legal pages**: who is responsible, what is collected and why, how long it is kept, and the visitor''s rights.', 1, CURRENT_TIMESTAMP);
INSERT INTO "LegalPageRevision" ("id", "pageId", "version", "title", "body")
  SELECT 'initial-' || "id", "id", 1, "title", "body" FROM "LegalPage";
