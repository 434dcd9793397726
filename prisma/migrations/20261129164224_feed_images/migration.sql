-- AlterTable
ALTER TABLE "FeedRun" ADD COLUMN     "imageProblems" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "imagesStored" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "imagesWaiting" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Media" ADD COLUMN     "sourceUrl" TEXT;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "feedImagesPending" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "feedImagesTriedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Media_sourceUrl_idx" ON "Media"("sourceUrl");

-- CreateIndex
CREATE INDEX "Product_feedImagesPending_idx" ON "Product"("feedImagesPending");

-- Products synced before: their feed's pictures are stored at the next runs.
UPDATE "Product" SET "feedImagesPending" = true WHERE cardinality("feedImageUrls") > 0;
