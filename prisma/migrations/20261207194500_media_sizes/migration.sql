-- AlterTable: the widths each original is stored at besides itself (lib/media/image-sizes.ts);
-- empty until they are made (at upload, by the feed, or by `npm run media:sizes`).
ALTER TABLE "Media" ADD COLUMN "sizedWidths" INTEGER[] DEFAULT ARRAY[]::INTEGER[];
