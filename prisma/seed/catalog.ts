// The words the demo campaign is made of. Fictional people and brands; believable enough that
// a page full of them reads like a real campaign.

export const IDOLS = [
  {
    name: 'Mara Quinn',
    instagram: 'maraquinn',
    tiktok: 'mara.q',
    bio: 'Actor and weekend potter. Mara dresses for long walks across the city: soft tailoring, flat shoes, one bold colour.',
  },
  {
    name: 'Jun Park',
    instagram: 'junpark.studio',
    tiktok: 'junpark',
    bio: 'Choreographer whose rehearsal wear became street style. Loose cuts, technical fabrics, nothing that restricts a turn.',
  },
  {
    name: 'Aya Okafor',
    instagram: 'ayaokafor',
    tiktok: null,
    bio: 'Radio host and record collector. Vintage silhouettes, modern colour, and always a good coat.',
  },
  {
    name: 'Leo Marchetti',
    instagram: 'leomarchetti',
    tiktok: 'leo.m',
    bio: 'Chef at a twelve-seat counter. Crisp whites at work, earthy knits on the day off.',
  },
  {
    name: 'Sofia Reyes',
    instagram: 'sofiareyes',
    tiktok: 'sofiareyes',
    bio: 'Tennis pro turned designer. Clean lines and colour blocks that move from court to café.',
  },
  {
    name: 'Noor Haddad',
    instagram: 'noor.haddad',
    tiktok: null,
    bio: 'Architect who dresses like her buildings: structured, light-filled and built to last.',
  },
  {
    name: 'Kai Lindqvist',
    instagram: 'kailindqvist',
    tiktok: 'kai.l',
    bio: 'Musician on a year-long tour. Layers that pack small and look good under stage lights.',
  },
  {
    name: 'Elena Sokolova',
    instagram: 'elenasokolova',
    tiktok: 'elena.s',
    bio: 'Photographer with a studio by the harbour. Monochrome basics and one statement piece.',
  },
] as const

export const BRANDS = [
  'Northlane',
  'Atelier Sève',
  'Kōen',
  'Marlow & Finch',
  'Studio Varga',
  'Ondine',
  'Basalt',
  'Lumen Row',
  'Halden',
] as const

export const COLORS = [
  { name: 'Black', hex: '#1f1f22' },
  { name: 'White', hex: '#f7f5f0' },
  { name: 'Ivory', hex: '#ece3cf' },
  { name: 'Camel', hex: '#c19a6b' },
  { name: 'Navy', hex: '#1f2f56' },
  { name: 'Olive', hex: '#6b6b3a' },
  { name: 'Burgundy', hex: '#6d1f2f' },
  { name: 'Sky', hex: '#8fb8de' },
  { name: 'Blush', hex: '#e8b4b0' },
  { name: 'Charcoal', hex: '#3e4044' },
  { name: 'Rust', hex: '#a5512b' },
  { name: 'Sage', hex: '#9caf88' },
] as const

export const APPAREL_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'] as const
export const SHOE_SIZES = ['36', '37', '38', '39', '40', '41', '42', '43'] as const
export const ONE_SIZE = 'One size'

/** Per category: the nouns products are named with, the price range (in cents) and the sizes. */
export const CATEGORIES: Record<string, { nouns: string[]; price: [number, number]; sizes: readonly string[] }> = {
  Tops: { nouns: ['Tee', 'Shirt', 'Camisole', 'Tank', 'Blouse', 'Polo'], price: [2900, 8900], sizes: APPAREL_SIZES },
  Knitwear: {
    nouns: ['Sweater', 'Cardigan', 'Rollneck', 'Vest', 'Crewneck'],
    price: [5900, 18900],
    sizes: APPAREL_SIZES,
  },
  Dresses: {
    nouns: ['Slip Dress', 'Shirt Dress', 'Midi Dress', 'Wrap Dress', 'Knit Dress'],
    price: [7900, 24900],
    sizes: APPAREL_SIZES,
  },
  Outerwear: {
    nouns: ['Trench', 'Overcoat', 'Bomber', 'Parka', 'Blazer', 'Field Jacket'],
    price: [12900, 39900],
    sizes: APPAREL_SIZES,
  },
  Trousers: {
    nouns: ['Trousers', 'Jeans', 'Cargo Pants', 'Chinos', 'Joggers'],
    price: [5900, 15900],
    sizes: APPAREL_SIZES,
  },
  Skirts: {
    nouns: ['Midi Skirt', 'Pleated Skirt', 'Mini Skirt', 'Wrap Skirt'],
    price: [4900, 13900],
    sizes: APPAREL_SIZES,
  },
  Shoes: { nouns: ['Sneakers', 'Loafers', 'Boots', 'Sandals', 'Mules'], price: [7900, 22900], sizes: SHOE_SIZES },
  Bags: { nouns: ['Tote', 'Crossbody', 'Bucket Bag', 'Backpack', 'Clutch'], price: [6900, 29900], sizes: [ONE_SIZE] },
  Accessories: { nouns: ['Bucket Hat', 'Beret', 'Cap', 'Wide-Brim Hat'], price: [2400, 7900], sizes: [ONE_SIZE] },
}

export const ADJECTIVES = [
  'Relaxed',
  'Cropped',
  'Oversized',
  'Tailored',
  'Boxy',
  'Fluid',
  'Ribbed',
  'Quilted',
  'Washed',
  'Pleated',
  'Structured',
  'Soft',
  'Utility',
  'Everyday',
  'Heritage',
  'Lightweight',
  'Double-Faced',
  'Brushed',
] as const

export const MATERIALS = [
  'organic cotton',
  'merino wool',
  'linen',
  'recycled nylon',
  'silk',
  'cashmere blend',
  'denim',
  'leather',
  'Tencel™ lyocell',
] as const

export const OUTFIT_TITLES = [
  'Sunday Market',
  'Gallery Opening',
  'First Frost',
  'Studio Morning',
  'Late Train Home',
  'Harbour Walk',
  'Rehearsal Day',
  'Dinner at Eight',
  'Rainy Commute',
  'Golden Hour',
  'Weekend Away',
  'Record Fair',
  'Courtside',
  'Soft Tailoring',
  'Night Shift',
  'Flea Market Finds',
  'Cold Light',
  'Long Lunch',
  'Off Duty',
  'Window Seat',
  'Back Stage',
  'Museum Quarter',
  'City Cycling',
  'Morning Pages',
  'Open Studio',
  'Garden Party',
  'Tour Bus',
  'Slow Saturday',
  'Sound Check',
  'Ferry Crossing',
  'Market Run',
  'Last Light',
] as const

export const OUTFIT_LINES = [
  'Built around one good coat and shoes you can walk in all day.',
  'Quiet colours, strong shapes — the look that goes from desk to dinner.',
  'Layers that come off one by one as the day warms up.',
  'A uniform of favourites, worn on repeat and never boring.',
  'Texture over print: ribbed, brushed and washed pieces that feel as good as they look.',
  'Relaxed cuts with one sharp detail to pull it together.',
] as const

export const SHOT_CAPTIONS = [
  'Between takes on set',
  'Backstage, ten minutes to curtain',
  'Morning light in the studio',
  'On the way to rehearsal',
  'Fitting day',
  'Market stroll',
  'Caught between interviews',
  'The harbour at golden hour',
  'Soundcheck',
  'A quiet corner of the gallery',
  'Friday, off duty',
  'First cold morning of the season',
] as const

export const PHOTOGRAPHERS = [
  'Ines Morel',
  'Tomasz Wrona',
  'Hana Sato',
  'Ravi Mehta',
  'Clara Boateng',
  'Olli Virtanen',
] as const

export const SOCIAL_TEXTS = [
  'Wore this three days in a row and I regret nothing.',
  'The coat. That is the post.',
  'Packing light for the tour — everything here mixes.',
  'Colour of the season? Rust, obviously.',
  'New look up on the campaign page, link in bio.',
  'Studio uniform, autumn edition.',
  'When the knit matches the coffee.',
  'Rain-proof and still looking sharp.',
] as const

export const COMMENTERS = ['Lina', 'Marco', 'Priya', 'Tom', 'Greta', 'Yusuf', 'Ama', 'Jonas', 'Mei', 'Sam'] as const

export const COMMENT_BODIES = [
  'Where is the coat from? Love it!',
  'This whole look is perfect for autumn.',
  'Need those shoes in my life.',
  'The colours work so well together.',
  'Ordered the knit — so soft.',
  'More looks like this please!',
  'Is the bag big enough for a laptop?',
  'Saving this for my next trip.',
] as const
