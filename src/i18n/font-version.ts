// Written by scripts/tibetan-font.mjs: a hash of the served font files, so their URL changes when they do.
export const TIBETAN_FONT_VERSION = 'db64eb8010'
