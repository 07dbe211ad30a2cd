// `node:http` for the Lambda bundles, through require instead of an ESM import (see lib/bundling.ts).
module.exports = process.getBuiltinModule('node:http');
