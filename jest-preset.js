// `preset: "aws-doubles"` in a jest config: the fake is installed in every test file.
module.exports = {
  testEnvironment: "node",
  setupFilesAfterEnv: [require.resolve("./dist/runners/jest.js")],
};
