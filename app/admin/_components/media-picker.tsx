// Choose one image from the media library inside a form: a grid of thumbnails as radio buttons,
// so it posts a plain `name=<media id>` and works before any script has loaded.
import type { MediaChoice } from '@/lib/data/admin/media'

type Props = {
  name: string
  legend: string
  choices: MediaChoice[]
  selectedId: string | null
  /** Offer "no image" (for optional images such as an idol's portrait). */
  optional?: boolean
  error?: string
}

export function MediaPicker({ name, legend, choices, selectedId, optional = false, error }: Props) {
  return (
    <fieldset className="media-picker" aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      <div className="media-picker-grid">
        {optional && (
          <label className="media-choice none">
            <input type="radio" name={name} value="" defaultChecked={!selectedId} />
            <span>No image</span>
          </label>
        )}
        {choices.map((choice) => (
          <label key={choice.id} className="media-choice" title={choice.alt || 'No alt text yet'}>
            <input type="radio" name={name} value={choice.id} defaultChecked={choice.id === selectedId} />
            {/* eslint-disable-next-line @next/next/no-img-element -- small admin thumbnails, no optimisation needed */}
            <img
              src={choice.url}
              alt={choice.alt || 'Image without alt text'}
              width={choice.width}
              height={choice.height}
              loading="lazy"
            />
          </label>
        ))}
      </div>
      {choices.length === 0 && <p className="muted">No images yet: upload some in the media library.</p>}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  )
}
