// The demo's Impressum and privacy policy: a made-up company, written the way a real one would
// be, so the pages and their editor show something meaningful. Not legal advice.
export const DEMO_LEGAL_PAGES = {
  impressum: {
    title: 'Impressum',
    body: `## Information according to § 5 DDG

**Lookbook Demo GmbH**
Musterstraße 12
10115 Berlin
Germany

## Represented by

Managing director: Jana Beispiel

## Contact

Phone: [+49 30 1234567](tel:+49301234567)
Email: [hello@lookbook.example](mailto:hello@lookbook.example)

## Register entry

Registered at Amtsgericht Berlin-Charlottenburg, HRB 000000 B

## VAT identification number

According to § 27a UStG: DE000000000

## Responsible for the content according to § 18 (2) MStV

Jana Beispiel, address as above.

## Online dispute resolution

The European Commission provides a platform for online dispute resolution at [https://ec.europa.eu/consumers/odr/](https://ec.europa.eu/consumers/odr/). We are neither obliged nor willing to take part in dispute resolution proceedings before a consumer arbitration board.`,
  },
  datenschutz: {
    title: 'Privacy policy',
    body: `## Who is responsible

Lookbook Demo GmbH, Musterstraße 12, 10115 Berlin, Germany ([privacy@lookbook.example](mailto:privacy@lookbook.example)). See the [Impressum](/impressum).

## What this site keeps

- **Server logs**: addresses are hashed with a secret salt and never stored in clear; they are used to keep the site safe (rate limits) and deleted after 30 days.
- **Likes and comments**: an anonymous visitor id in a first-party cookie (lb_visitor) remembers your likes. Comments keep the name you give and the text.
- **Campaign links**: when you arrive from one of our posts or ads, the link's campaign parameters are kept in a first-party cookie (lb_attribution) for 30 days, to count which posts bring visitors. Clicks on "Buy at the shop" are counted per day, product and campaign, without any personal data.

## Measurement with Meta's pixel — only with your consent

If you accept in the banner, we load Meta's pixel (Meta Platforms Ireland Ltd.) and send the pages you view, the looks and products you open, your likes and your clicks to the shop to Meta, also from our server (Conversions API), to measure our Facebook and Instagram campaigns. Legal basis: your consent, Art. 6 (1) (a) GDPR and § 25 (1) TDDDG. You can withdraw it at any time under **Privacy settings** at the bottom of every page; Meta's cookies are then deleted.

## Your rights

You have the right to access, rectification, erasure, restriction of processing, data portability and objection, and to complain to a supervisory authority.`,
  },
} as const
