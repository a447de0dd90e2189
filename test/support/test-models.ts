/** The linear engine's versions and loaders (models/linear/), under the names the tests use. */
export {
  referenceFeatures,
  referenceRow,
  registerTestVersion,
  testLoaders,
  testVersion,
  type TestVersionOptions,
} from '../../models/linear/versions.js';
