-- CreateTable
CREATE TABLE "ClickOutCount" (
    "day" DATE NOT NULL,
    "sku" TEXT NOT NULL,
    "fromType" TEXT NOT NULL,
    "fromSlug" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "medium" TEXT NOT NULL,
    "campaign" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ClickOutCount_pkey" PRIMARY KEY ("day","sku","fromType","fromSlug","source","medium","campaign")
);
