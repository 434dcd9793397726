// The picture a link preview shows (Facebook, WhatsApp, X, LinkedIn): 1200×630, the 1.91:1 shape
// those apps crop large previews to. A portrait cover cropped to that shape would lose the look, so
// the whole cover stands in the middle over a blurred, darkened copy of itself that fills the width.
// No text is drawn: the apps print the page's title under the picture, and text would need fonts
// that Heroku's and Vercel's machines do not have.
import sharp from 'sharp'
import { MAX_IMAGE_SIDE } from './image-check'
import { SHARE_IMAGE } from './share-image-address'

export async function composeShareImage(cover: Buffer): Promise<Buffer> {
  const { width, height } = SHARE_IMAGE
  const source = () => sharp(cover, { limitInputPixels: MAX_IMAGE_SIDE * MAX_IMAGE_SIDE }).rotate()
  const [fill, whole] = await Promise.all([
    source()
      .resize(width, height, { fit: 'cover' })
      .blur(30)
      .modulate({ brightness: 0.75 })
      .flatten({ background: '#faf8f5' })
      .toBuffer(),
    source().resize(width, height, { fit: 'inside' }).flatten({ background: '#faf8f5' }).toBuffer(),
  ])
  return sharp(fill)
    .composite([{ input: whole, gravity: 'center' }])
    .jpeg({ quality: 82, progressive: true, mozjpeg: true })
    .toBuffer()
}
