// A Netlify build plugin that keeps the project's cache folder (.cache: social cards and
// check results, each stored under a hash of its content) from one deploy to the next.
// Netlify starts every build from a fresh checkout; without this, every deploy redraws
// every card. Netlify Build gives each plugin its cache (`utils.cache`, @netlify/cache-utils).
//
// Restoring copies, so a build that fails leaves the saved cache as it was; saving after
// a successful build moves the folder, which nothing needs any more (the published cards
// are separate links or copies). Deploy previews keep a cache of their own, started from
// production's, so a pull request's build never changes what production builds reuse.

module.exports = {
  async onPreBuild({ inputs, utils }) {
    const restored = await utils.cache.restore(inputs.path);
    console.log(restored
      ? `factcheck: restored ${inputs.path} from Netlify's build cache`
      : `factcheck: no ${inputs.path} in Netlify's build cache yet; this build makes everything afresh`);
  },

  async onPostBuild({ inputs, utils }) {
    const saved = await utils.cache.save(inputs.path, { move: true });
    console.log(saved
      ? `factcheck: saved ${inputs.path} to Netlify's build cache for the next deploy`
      : `factcheck: nothing in ${inputs.path} to save`);
  },
};
