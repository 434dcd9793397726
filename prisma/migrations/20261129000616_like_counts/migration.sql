-- CreateTable
CREATE TABLE "LikeCount" (
    "targetType" "TargetType" NOT NULL,
    "targetId" TEXT NOT NULL,
    "shard" SMALLINT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "LikeCount_pkey" PRIMARY KEY ("targetType","targetId","shard")
);

-- Every like added or taken away, by whatever writes it (the like API, the seed, an editor deleting
-- a record with its likes), moves its record's count in the same transaction. The shard is the
-- visitor's: a like and its unlike meet the same row.
CREATE FUNCTION "LikeCount_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "LikeCount" ("targetType", "targetId", "shard", "count")
    VALUES (NEW."targetType", NEW."targetId", abs(hashtext(NEW."visitorId")) % 8, 1)
    ON CONFLICT ("targetType", "targetId", "shard") DO UPDATE SET "count" = "LikeCount"."count" + 1;
    RETURN NEW;
  END IF;
  UPDATE "LikeCount" SET "count" = "count" - 1
  WHERE "targetType" = OLD."targetType" AND "targetId" = OLD."targetId" AND "shard" = abs(hashtext(OLD."visitorId")) % 8;
  RETURN OLD;
END
$$;

CREATE TRIGGER "Like_counted" AFTER INSERT OR DELETE ON "Like"
FOR EACH ROW EXECUTE FUNCTION "LikeCount_follow"();

-- The likes there are already.
INSERT INTO "LikeCount" ("targetType", "targetId", "shard", "count")
SELECT "targetType", "targetId", abs(hashtext("visitorId")) % 8, count(*) FROM "Like" GROUP BY 1, 2, 3;
