// What the language choice says while Tibetan is not on the phone yet: the Tibetan catalog is
// downloaded only when chosen (src/i18n/catalog.ts), so its own "downloading…" and "could not
// download" cannot come from it. These two copies of common/i18n/bo.ts entries (a unit test keeps
// them equal) let a herder who cannot read Chinese see what is happening.
export const BOOTSTRAP_BO = {
  loading: 'བོད་ཡིག་ཕབ་ལེན་བྱེད་བཞིན་པ།',
  loadFailed: 'བོད་ཡིག་ཕབ་ལེན་མ་ཐུབ། དྲ་རྒྱ་མཐུད་རྗེས་ཡང་བསྐྱར་འདེམས་རོགས།',
} as const
