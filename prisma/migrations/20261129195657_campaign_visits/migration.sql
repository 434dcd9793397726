-- CreateTable
CREATE TABLE "CampaignVisitCount" (
    "day" DATE NOT NULL,
    "source" TEXT NOT NULL,
    "medium" TEXT NOT NULL,
    "campaign" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CampaignVisitCount_pkey" PRIMARY KEY ("day","source","medium","campaign")
);
