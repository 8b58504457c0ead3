// Stylesheets imported by components ('./index.scss') are irrelevant in jsdom.
export default {}
