"""Machine-readable files: claims.json, feeds, the sitemap, ClaimReview, the claim schema, social cards."""
