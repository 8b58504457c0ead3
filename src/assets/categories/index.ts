import type { Category } from '../../../common/enums'
import planting from './planting.png'
import breeding from './breeding.png'
import veterinary from './veterinary.png'
import machinery from './machinery.png'
import processing from './processing.png'
import ecommerce from './ecommerce.png'
import health from './health.png'
import ecology from './ecology.png'
import it from './it.png'
import other from './other.png'

// A picture for every post category (drawn by scripts/icons.mjs), so a category can be found
// without reading its name: the category chips and the photo-first ask's picker show them.
// The type makes a new category without its picture a type error.
export const CATEGORY_ICONS: Record<Category, string> = {
  planting,
  breeding,
  veterinary,
  machinery,
  processing,
  ecommerce,
  health,
  ecology,
  it,
  other,
}
