-- CreateEnum
CREATE TYPE "FeedRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'REFUSED', 'FAILED', 'INTERRUPTED');

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "descriptionEditedAt" TIMESTAMP(3),
ADD COLUMN     "feedImageUrls" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "gtin" TEXT,
ADD COLUMN     "itemGroupId" TEXT,
ADD COLUMN     "nameEditedAt" TIMESTAMP(3),
ADD COLUMN     "salePriceCents" INTEGER;

-- CreateTable
CREATE TABLE "FeedRun" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "forced" BOOLEAN NOT NULL DEFAULT false,
    "status" "FeedRunStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "listed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "deactivated" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT NOT NULL DEFAULT '',
    "rejectedRows" JSONB NOT NULL DEFAULT '[]',
    "changes" JSONB,

    CONSTRAINT "FeedRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedEvent" (
    "id" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" INTEGER NOT NULL,
    "answer" JSONB NOT NULL,

    CONSTRAINT "FeedEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedLock" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "runId" TEXT,
    "heldUntil" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedLock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FeedRun_startedAt_idx" ON "FeedRun"("startedAt");

-- CreateIndex
CREATE INDEX "FeedRun_finishedAt_idx" ON "FeedRun"("finishedAt");

-- CreateIndex
CREATE INDEX "FeedEvent_receivedAt_idx" ON "FeedEvent"("receivedAt");
