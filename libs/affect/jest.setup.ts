// Model loading and browser start-up take seconds; set here because a project's
// `testTimeout` is ignored when jest runs all projects from the root config.
jest.setTimeout(60_000);
