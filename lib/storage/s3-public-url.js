// Where browsers load media from when they live in S3: a CDN in front of the bucket when one is
// set, else the S3-compatible endpoint's path-style URL, else the bucket's own AWS URL. Plain
// JavaScript because next.config.js needs it too (the image optimiser may fetch only from there);
// lib/storage/s3.ts builds every media URL with it.

/**
 * @param {{ bucket: string, region: string, endpoint?: string, publicUrl?: string }} s3
 * @returns {string} the base URL, without a trailing slash
 */
export function s3PublicBase({ bucket, region, endpoint, publicUrl }) {
  const base =
    publicUrl ||
    (endpoint ? `${endpoint.replace(/\/$/, '')}/${bucket}` : `https://${bucket}.s3.${region}.amazonaws.com`)
  return base.replace(/\/$/, '')
}
