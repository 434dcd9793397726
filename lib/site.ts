// What the site calls itself. Shown in the header, titles and Open Graph tags.
export const SITE = {
  name: 'Lookbook',
  campaign: 'Autumn Edit',
  tagline: 'One season, eight voices. Shop the looks they live in.',
  description: 'The campaign lookbook: idols, their outfits and every piece in them, ready to shop.',
} as const
