import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  commitFragments,
  dropMergeRepeats,
  listCommits
} from "./chunk-SLZAOINI.js";
import {
  createGitHubIssueTracker
} from "./chunk-3T6GFM2U.js";
import {
  RequestError,
  createGitHubClient,
  getUserAgent,
  request
} from "./chunk-RO5FVPB7.js";
import {
  planScan
} from "./chunk-CYVKHVSN.js";
import {
  VERSION
} from "./chunk-JO2HMOSA.js";
import {
  pushApiTarget
} from "./chunk-VBF3HQGM.js";
import "./chunk-SVLNOZWB.js";
import {
  createKeyVaultCredential,
  createKeyVaultStore
} from "./chunk-MOUIY34P.js";
import {
  PROVIDER_TAG,
  createInspector,
  respond
} from "./chunk-HTCI5QYM.js";
import "./chunk-IT6TUND4.js";
import {
  loadConfig
} from "./chunk-U5WMLF4L.js";
import "./chunk-B5PXR3KZ.js";
import {
  MASK,
  createEngine,
  fingerprint,
  scanAll
} from "./chunk-XBU2CQR5.js";
import "./chunk-5DOWYKN7.js";
import {
  defaultConfig
} from "./chunk-ZOEPK7DV.js";
import "./chunk-V43CEDMD.js";

// src/entrypoints/server/run.ts
import { dirname } from "node:path";

// node_modules/@octokit/oauth-methods/dist-bundle/index.js
function requestToOAuthBaseUrl(request3) {
  const endpointDefaults = request3.endpoint.DEFAULTS;
  if (/^https:\/\/(api\.)?github\.com$/.test(endpointDefaults.baseUrl)) {
    return "https://github.com";
  }
  if (/^https:\/\/api\..*\.ghe\.com$/.test(endpointDefaults.baseUrl)) {
    return endpointDefaults.baseUrl.replace("api.", "");
  }
  return endpointDefaults.baseUrl.replace("/api/v3", "");
}
async function oauthRequest(request3, route, parameters) {
  const withOAuthParameters = {
    baseUrl: requestToOAuthBaseUrl(request3),
    headers: {
      accept: "application/json"
    },
    ...parameters
  };
  const response = await request3(route, withOAuthParameters);
  if ("error" in response.data) {
    const error = new RequestError(
      `${response.data.error_description} (${response.data.error}, ${response.data.error_uri})`,
      400,
      {
        request: request3.endpoint.merge(
          route,
          withOAuthParameters
        )
      }
    );
    error.response = response;
    throw error;
  }
  return response;
}
async function exchangeWebFlowCode(options) {
  const request3 = options.request || request;
  const response = await oauthRequest(
    request3,
    "POST /login/oauth/access_token",
    {
      client_id: options.clientId,
      client_secret: options.clientSecret,
      code: options.code,
      redirect_uri: options.redirectUrl
    }
  );
  const authentication = {
    clientType: options.clientType,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    token: response.data.access_token,
    scopes: response.data.scope.split(/\s+/).filter(Boolean)
  };
  if (options.clientType === "github-app") {
    if ("refresh_token" in response.data) {
      const apiTimeInMs = new Date(response.headers.date).getTime();
      authentication.refreshToken = response.data.refresh_token, authentication.expiresAt = toTimestamp(
        apiTimeInMs,
        response.data.expires_in
      ), authentication.refreshTokenExpiresAt = toTimestamp(
        apiTimeInMs,
        response.data.refresh_token_expires_in
      );
    }
    delete authentication.scopes;
  }
  return { ...response, authentication };
}
function toTimestamp(apiTimeInMs, expirationInSeconds) {
  return new Date(apiTimeInMs + expirationInSeconds * 1e3).toISOString();
}
async function createDeviceCode(options) {
  const request3 = options.request || request;
  const parameters = {
    client_id: options.clientId
  };
  if ("scopes" in options && Array.isArray(options.scopes)) {
    parameters.scope = options.scopes.join(" ");
  }
  return oauthRequest(request3, "POST /login/device/code", parameters);
}
async function exchangeDeviceCode(options) {
  const request3 = options.request || request;
  const response = await oauthRequest(
    request3,
    "POST /login/oauth/access_token",
    {
      client_id: options.clientId,
      device_code: options.code,
      grant_type: "urn:ietf:params:oauth:grant-type:device_code"
    }
  );
  const authentication = {
    clientType: options.clientType,
    clientId: options.clientId,
    token: response.data.access_token,
    scopes: response.data.scope.split(/\s+/).filter(Boolean)
  };
  if ("clientSecret" in options) {
    authentication.clientSecret = options.clientSecret;
  }
  if (options.clientType === "github-app") {
    if ("refresh_token" in response.data) {
      const apiTimeInMs = new Date(response.headers.date).getTime();
      authentication.refreshToken = response.data.refresh_token, authentication.expiresAt = toTimestamp2(
        apiTimeInMs,
        response.data.expires_in
      ), authentication.refreshTokenExpiresAt = toTimestamp2(
        apiTimeInMs,
        response.data.refresh_token_expires_in
      );
    }
    delete authentication.scopes;
  }
  return { ...response, authentication };
}
function toTimestamp2(apiTimeInMs, expirationInSeconds) {
  return new Date(apiTimeInMs + expirationInSeconds * 1e3).toISOString();
}
async function checkToken(options) {
  const request3 = options.request || request;
  const response = await request3("POST /applications/{client_id}/token", {
    headers: {
      authorization: `basic ${btoa(
        `${options.clientId}:${options.clientSecret}`
      )}`
    },
    client_id: options.clientId,
    access_token: options.token
  });
  const authentication = {
    clientType: options.clientType,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    token: options.token,
    scopes: response.data.scopes
  };
  if (response.data.expires_at)
    authentication.expiresAt = response.data.expires_at;
  if (options.clientType === "github-app") {
    delete authentication.scopes;
  }
  return { ...response, authentication };
}
async function refreshToken(options) {
  const request3 = options.request || request;
  const response = await oauthRequest(
    request3,
    "POST /login/oauth/access_token",
    {
      client_id: options.clientId,
      client_secret: options.clientSecret,
      grant_type: "refresh_token",
      refresh_token: options.refreshToken
    }
  );
  const apiTimeInMs = new Date(response.headers.date).getTime();
  const authentication = {
    clientType: "github-app",
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    token: response.data.access_token,
    refreshToken: response.data.refresh_token,
    expiresAt: toTimestamp3(apiTimeInMs, response.data.expires_in),
    refreshTokenExpiresAt: toTimestamp3(
      apiTimeInMs,
      response.data.refresh_token_expires_in
    )
  };
  return { ...response, authentication };
}
function toTimestamp3(apiTimeInMs, expirationInSeconds) {
  return new Date(apiTimeInMs + expirationInSeconds * 1e3).toISOString();
}
async function resetToken(options) {
  const request3 = options.request || request;
  const auth5 = btoa(`${options.clientId}:${options.clientSecret}`);
  const response = await request3(
    "PATCH /applications/{client_id}/token",
    {
      headers: {
        authorization: `basic ${auth5}`
      },
      client_id: options.clientId,
      access_token: options.token
    }
  );
  const authentication = {
    clientType: options.clientType,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    token: response.data.token,
    scopes: response.data.scopes
  };
  if (response.data.expires_at)
    authentication.expiresAt = response.data.expires_at;
  if (options.clientType === "github-app") {
    delete authentication.scopes;
  }
  return { ...response, authentication };
}
async function deleteToken(options) {
  const request3 = options.request || request;
  const auth5 = btoa(`${options.clientId}:${options.clientSecret}`);
  return request3(
    "DELETE /applications/{client_id}/token",
    {
      headers: {
        authorization: `basic ${auth5}`
      },
      client_id: options.clientId,
      access_token: options.token
    }
  );
}
async function deleteAuthorization(options) {
  const request3 = options.request || request;
  const auth5 = btoa(`${options.clientId}:${options.clientSecret}`);
  return request3(
    "DELETE /applications/{client_id}/grant",
    {
      headers: {
        authorization: `basic ${auth5}`
      },
      client_id: options.clientId,
      access_token: options.token
    }
  );
}

// node_modules/@octokit/auth-oauth-device/dist-bundle/index.js
async function getOAuthAccessToken(state, options) {
  const cachedAuthentication = getCachedAuthentication(state, options.auth);
  if (cachedAuthentication) return cachedAuthentication;
  const { data: verification } = await createDeviceCode({
    clientType: state.clientType,
    clientId: state.clientId,
    request: options.request || state.request,
    // @ts-expect-error the extra code to make TS happy is not worth it
    scopes: options.auth.scopes || state.scopes
  });
  await state.onVerification(verification);
  const authentication = await waitForAccessToken(
    options.request || state.request,
    state.clientId,
    state.clientType,
    verification
  );
  state.authentication = authentication;
  return authentication;
}
function getCachedAuthentication(state, auth22) {
  if (auth22.refresh === true) return false;
  if (!state.authentication) return false;
  if (state.clientType === "github-app") {
    return state.authentication;
  }
  const authentication = state.authentication;
  const newScope = ("scopes" in auth22 && auth22.scopes || state.scopes).join(
    " "
  );
  const currentScope = authentication.scopes.join(" ");
  return newScope === currentScope ? authentication : false;
}
async function wait(seconds) {
  await new Promise((resolve) => setTimeout(resolve, seconds * 1e3));
}
async function waitForAccessToken(request3, clientId, clientType, verification) {
  try {
    const options = {
      clientId,
      request: request3,
      code: verification.device_code
    };
    const { authentication } = clientType === "oauth-app" ? await exchangeDeviceCode({
      ...options,
      clientType: "oauth-app"
    }) : await exchangeDeviceCode({
      ...options,
      clientType: "github-app"
    });
    return {
      type: "token",
      tokenType: "oauth",
      ...authentication
    };
  } catch (error) {
    if (!error.response) throw error;
    const errorType = error.response.data.error;
    if (errorType === "authorization_pending") {
      await wait(verification.interval);
      return waitForAccessToken(request3, clientId, clientType, verification);
    }
    if (errorType === "slow_down") {
      await wait(verification.interval + 7);
      return waitForAccessToken(request3, clientId, clientType, verification);
    }
    throw error;
  }
}
async function auth(state, authOptions) {
  return getOAuthAccessToken(state, {
    auth: authOptions
  });
}
async function hook(state, request3, route, parameters) {
  let endpoint = request3.endpoint.merge(
    route,
    parameters
  );
  if (/\/login\/(oauth\/access_token|device\/code)$/.test(endpoint.url)) {
    return request3(endpoint);
  }
  const { token } = await getOAuthAccessToken(state, {
    request: request3,
    auth: { type: "oauth" }
  });
  endpoint.headers.authorization = `token ${token}`;
  return request3(endpoint);
}
var VERSION2 = "0.0.0-development";
function createOAuthDeviceAuth(options) {
  const requestWithDefaults = options.request || request.defaults({
    headers: {
      "user-agent": `octokit-auth-oauth-device.js/${VERSION2} ${getUserAgent()}`
    }
  });
  const { request: request3 = requestWithDefaults, ...otherOptions } = options;
  const state = options.clientType === "github-app" ? {
    ...otherOptions,
    clientType: "github-app",
    request: request3
  } : {
    ...otherOptions,
    clientType: "oauth-app",
    request: request3,
    scopes: options.scopes || []
  };
  if (!options.clientId) {
    throw new Error(
      '[@octokit/auth-oauth-device] "clientId" option must be set (https://github.com/octokit/auth-oauth-device.js#usage)'
    );
  }
  if (!options.onVerification) {
    throw new Error(
      '[@octokit/auth-oauth-device] "onVerification" option must be a function (https://github.com/octokit/auth-oauth-device.js#usage)'
    );
  }
  return Object.assign(auth.bind(null, state), {
    hook: hook.bind(null, state)
  });
}

// node_modules/@octokit/auth-oauth-user/dist-bundle/index.js
var VERSION3 = "0.0.0-development";
async function getAuthentication(state) {
  if ("code" in state.strategyOptions) {
    const { authentication } = await exchangeWebFlowCode({
      clientId: state.clientId,
      clientSecret: state.clientSecret,
      clientType: state.clientType,
      onTokenCreated: state.onTokenCreated,
      ...state.strategyOptions,
      request: state.request
    });
    return {
      type: "token",
      tokenType: "oauth",
      ...authentication
    };
  }
  if ("onVerification" in state.strategyOptions) {
    const deviceAuth = createOAuthDeviceAuth({
      clientType: state.clientType,
      clientId: state.clientId,
      onTokenCreated: state.onTokenCreated,
      ...state.strategyOptions,
      request: state.request
    });
    const authentication = await deviceAuth({
      type: "oauth"
    });
    return {
      clientSecret: state.clientSecret,
      ...authentication
    };
  }
  if ("token" in state.strategyOptions) {
    return {
      type: "token",
      tokenType: "oauth",
      clientId: state.clientId,
      clientSecret: state.clientSecret,
      clientType: state.clientType,
      onTokenCreated: state.onTokenCreated,
      ...state.strategyOptions
    };
  }
  throw new Error("[@octokit/auth-oauth-user] Invalid strategy options");
}
async function auth2(state, options = {}) {
  if (!state.authentication) {
    state.authentication = state.clientType === "oauth-app" ? await getAuthentication(state) : await getAuthentication(state);
  }
  if (state.authentication.invalid) {
    throw new Error("[@octokit/auth-oauth-user] Token is invalid");
  }
  const currentAuthentication = state.authentication;
  if ("expiresAt" in currentAuthentication) {
    if (options.type === "refresh" || new Date(currentAuthentication.expiresAt) < /* @__PURE__ */ new Date()) {
      const { authentication } = await refreshToken({
        clientType: "github-app",
        clientId: state.clientId,
        clientSecret: state.clientSecret,
        refreshToken: currentAuthentication.refreshToken,
        request: state.request
      });
      state.authentication = {
        tokenType: "oauth",
        type: "token",
        ...authentication
      };
    }
  }
  if (options.type === "refresh") {
    if (state.clientType === "oauth-app") {
      throw new Error(
        "[@octokit/auth-oauth-user] OAuth Apps do not support expiring tokens"
      );
    }
    if (!currentAuthentication.hasOwnProperty("expiresAt")) {
      throw new Error("[@octokit/auth-oauth-user] Refresh token missing");
    }
    await state.onTokenCreated?.(state.authentication, {
      type: options.type
    });
  }
  if (options.type === "check" || options.type === "reset") {
    const method = options.type === "check" ? checkToken : resetToken;
    try {
      const { authentication } = await method({
        // @ts-expect-error making TS happy would require unnecessary code so no
        clientType: state.clientType,
        clientId: state.clientId,
        clientSecret: state.clientSecret,
        token: state.authentication.token,
        request: state.request
      });
      state.authentication = {
        tokenType: "oauth",
        type: "token",
        // @ts-expect-error TBD
        ...authentication
      };
      if (options.type === "reset") {
        await state.onTokenCreated?.(state.authentication, {
          type: options.type
        });
      }
      return state.authentication;
    } catch (error) {
      if (error.status === 404) {
        error.message = "[@octokit/auth-oauth-user] Token is invalid";
        state.authentication.invalid = true;
      }
      throw error;
    }
  }
  if (options.type === "delete" || options.type === "deleteAuthorization") {
    const method = options.type === "delete" ? deleteToken : deleteAuthorization;
    try {
      await method({
        // @ts-expect-error making TS happy would require unnecessary code so no
        clientType: state.clientType,
        clientId: state.clientId,
        clientSecret: state.clientSecret,
        token: state.authentication.token,
        request: state.request
      });
    } catch (error) {
      if (error.status !== 404) throw error;
    }
    state.authentication.invalid = true;
    return state.authentication;
  }
  return state.authentication;
}
var ROUTES_REQUIRING_BASIC_AUTH = /\/applications\/[^/]+\/(token|grant)s?/;
function requiresBasicAuth(url) {
  return url && ROUTES_REQUIRING_BASIC_AUTH.test(url);
}
async function hook2(state, request3, route, parameters = {}) {
  const endpoint = request3.endpoint.merge(
    route,
    parameters
  );
  if (/\/login\/(oauth\/access_token|device\/code)$/.test(endpoint.url)) {
    return request3(endpoint);
  }
  if (requiresBasicAuth(endpoint.url)) {
    const credentials = btoa(`${state.clientId}:${state.clientSecret}`);
    endpoint.headers.authorization = `basic ${credentials}`;
    return request3(endpoint);
  }
  const { token } = state.clientType === "oauth-app" ? await auth2({ ...state, request: request3 }) : await auth2({ ...state, request: request3 });
  endpoint.headers.authorization = "token " + token;
  return request3(endpoint);
}
function createOAuthUserAuth({
  clientId,
  clientSecret,
  clientType = "oauth-app",
  request: request3 = request.defaults({
    headers: {
      "user-agent": `octokit-auth-oauth-app.js/${VERSION3} ${getUserAgent()}`
    }
  }),
  onTokenCreated,
  ...strategyOptions
}) {
  const state = Object.assign({
    clientType,
    clientId,
    clientSecret,
    onTokenCreated,
    strategyOptions,
    request: request3
  });
  return Object.assign(auth2.bind(null, state), {
    // @ts-expect-error not worth the extra code needed to appease TS
    hook: hook2.bind(null, state)
  });
}
createOAuthUserAuth.VERSION = VERSION3;

// node_modules/@octokit/auth-oauth-app/dist-bundle/index.js
async function auth3(state, authOptions) {
  if (authOptions.type === "oauth-app") {
    return {
      type: "oauth-app",
      clientId: state.clientId,
      clientSecret: state.clientSecret,
      clientType: state.clientType,
      headers: {
        authorization: `basic ${btoa(
          `${state.clientId}:${state.clientSecret}`
        )}`
      }
    };
  }
  if ("factory" in authOptions) {
    const { type, ...options } = {
      ...authOptions,
      ...state
    };
    return authOptions.factory(options);
  }
  const common = {
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    request: state.request,
    ...authOptions
  };
  const userAuth = state.clientType === "oauth-app" ? await createOAuthUserAuth({
    ...common,
    clientType: state.clientType
  }) : await createOAuthUserAuth({
    ...common,
    clientType: state.clientType
  });
  return userAuth();
}
async function hook3(state, request22, route, parameters) {
  let endpoint = request22.endpoint.merge(
    route,
    parameters
  );
  if (/\/login\/(oauth\/access_token|device\/code)$/.test(endpoint.url)) {
    return request22(endpoint);
  }
  if (state.clientType === "github-app" && !requiresBasicAuth(endpoint.url)) {
    throw new Error(
      `[@octokit/auth-oauth-app] GitHub Apps cannot use their client ID/secret for basic authentication for endpoints other than "/applications/{client_id}/**". "${endpoint.method} ${endpoint.url}" is not supported.`
    );
  }
  const credentials = btoa(`${state.clientId}:${state.clientSecret}`);
  endpoint.headers.authorization = `basic ${credentials}`;
  try {
    return await request22(endpoint);
  } catch (error) {
    if (error.status !== 401) throw error;
    error.message = `[@octokit/auth-oauth-app] "${endpoint.method} ${endpoint.url}" does not support clientId/clientSecret basic authentication.`;
    throw error;
  }
}
var VERSION4 = "0.0.0-development";
function createOAuthAppAuth(options) {
  const state = Object.assign(
    {
      request: request.defaults({
        headers: {
          "user-agent": `octokit-auth-oauth-app.js/${VERSION4} ${getUserAgent()}`
        }
      }),
      clientType: "oauth-app"
    },
    options
  );
  return Object.assign(auth3.bind(null, state), {
    hook: hook3.bind(null, state)
  });
}

// node_modules/universal-github-app-jwt/lib/utils.js
function isPkcs1(privateKey) {
  return privateKey.includes("-----BEGIN RSA PRIVATE KEY-----");
}
function isOpenSsh(privateKey) {
  return privateKey.includes("-----BEGIN OPENSSH PRIVATE KEY-----");
}
function string2ArrayBuffer(str) {
  const buf = new ArrayBuffer(str.length);
  const bufView = new Uint8Array(buf);
  for (let i = 0, strLen = str.length; i < strLen; i++) {
    bufView[i] = str.charCodeAt(i);
  }
  return buf;
}
function getDERfromPEM(pem) {
  const pemB64 = pem.trim().split("\n").slice(1, -1).join("");
  const decoded = atob(pemB64);
  return string2ArrayBuffer(decoded);
}
function getEncodedMessage(header2, payload) {
  return `${base64encodeJSON(header2)}.${base64encodeJSON(payload)}`;
}
function base64encode(buffer) {
  var binary = "";
  var bytes = new Uint8Array(buffer);
  var len = bytes.byteLength;
  for (var i = 0; i < len; i++) {
    binary += String.fromCharCode(bytes[i]);
  }
  return fromBase64(btoa(binary));
}
function fromBase64(base64) {
  return base64.replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_");
}
function base64encodeJSON(obj) {
  return fromBase64(btoa(JSON.stringify(obj)));
}

// node_modules/universal-github-app-jwt/lib/crypto-node.js
import { subtle } from "node:crypto";
import { createPrivateKey } from "node:crypto";
function convertPrivateKey(privateKey) {
  if (!isPkcs1(privateKey)) return privateKey;
  return createPrivateKey(privateKey).export({
    type: "pkcs8",
    format: "pem"
  });
}

// node_modules/universal-github-app-jwt/lib/get-token.js
async function getToken({ privateKey, payload }) {
  const convertedPrivateKey = convertPrivateKey(privateKey);
  if (isPkcs1(convertedPrivateKey)) {
    throw new Error(
      "[universal-github-app-jwt] Private Key is in PKCS#1 format, but only PKCS#8 is supported. See https://github.com/gr2m/universal-github-app-jwt#private-key-formats"
    );
  }
  if (isOpenSsh(convertedPrivateKey)) {
    throw new Error(
      "[universal-github-app-jwt] Private Key is in OpenSSH format, but only PKCS#8 is supported. See https://github.com/gr2m/universal-github-app-jwt#private-key-formats"
    );
  }
  const algorithm = {
    name: "RSASSA-PKCS1-v1_5",
    hash: { name: "SHA-256" }
  };
  const header2 = { alg: "RS256", typ: "JWT" };
  const privateKeyDER = getDERfromPEM(convertedPrivateKey);
  const importedKey = await subtle.importKey(
    "pkcs8",
    privateKeyDER,
    algorithm,
    false,
    ["sign"]
  );
  const encodedMessage = getEncodedMessage(header2, payload);
  const encodedMessageArrBuf = string2ArrayBuffer(encodedMessage);
  const signatureArrBuf = await subtle.sign(
    algorithm.name,
    importedKey,
    encodedMessageArrBuf
  );
  const encodedSignature = base64encode(signatureArrBuf);
  return `${encodedMessage}.${encodedSignature}`;
}

// node_modules/universal-github-app-jwt/index.js
async function githubAppJwt({
  id,
  privateKey,
  now = Math.floor(Date.now() / 1e3)
}) {
  const privateKeyWithNewlines = privateKey.replace(/\\n/g, "\n");
  const nowWithSafetyMargin = now - 30;
  const expiration = nowWithSafetyMargin + 60 * 10;
  const payload = {
    iat: nowWithSafetyMargin,
    // Issued at time
    exp: expiration,
    iss: id
  };
  const token = await getToken({
    privateKey: privateKeyWithNewlines,
    payload
  });
  return {
    appId: id,
    expiration,
    token
  };
}

// node_modules/toad-cache/dist/toad-cache.mjs
function validateCacheParams(max, ttlInMsecs) {
  if (typeof max !== "number" || !Number.isInteger(max) || max < 0) {
    throw new Error("Invalid max value");
  }
  if (typeof ttlInMsecs !== "number" || !Number.isInteger(ttlInMsecs) || ttlInMsecs < 0) {
    throw new Error("Invalid ttl value");
  }
}
var LruObject = class {
  constructor(max = 1e3, ttlInMsecs = 0) {
    validateCacheParams(max, ttlInMsecs);
    this.first = null;
    this.items = /* @__PURE__ */ Object.create(null);
    this.last = null;
    this.size = 0;
    this.max = max;
    this.ttl = ttlInMsecs;
  }
  bumpLru(item) {
    if (this.last === item) {
      return;
    }
    const last = this.last;
    const next = item.next;
    const prev = item.prev;
    if (this.first === item) {
      this.first = next;
    }
    item.next = null;
    item.prev = last;
    last.next = item;
    if (prev !== null) {
      prev.next = next;
    }
    if (next !== null) {
      next.prev = prev;
    }
    this.last = item;
  }
  clear() {
    this.items = /* @__PURE__ */ Object.create(null);
    this.first = null;
    this.last = null;
    this.size = 0;
  }
  delete(key) {
    const item = this.items[key];
    if (item !== void 0) {
      delete this.items[key];
      this.size--;
      if (item.prev !== null) {
        item.prev.next = item.next;
      }
      if (item.next !== null) {
        item.next.prev = item.prev;
      }
      if (this.first === item) {
        this.first = item.next;
      }
      if (this.last === item) {
        this.last = item.prev;
      }
    }
  }
  deleteMany(keys) {
    for (var i = 0; i < keys.length; i++) {
      this.delete(keys[i]);
    }
  }
  evict() {
    if (this.size > 0) {
      const item = this.first;
      delete this.items[item.key];
      if (--this.size === 0) {
        this.first = null;
        this.last = null;
      } else {
        this.first = item.next;
        this.first.prev = null;
      }
    }
  }
  expiresAt(key) {
    const item = this.items[key];
    if (item !== void 0) {
      return item.expiry;
    }
  }
  get(key) {
    const item = this.items[key];
    if (item !== void 0) {
      if (this.ttl > 0 && item.expiry <= Date.now()) {
        this.delete(key);
        return;
      }
      this.bumpLru(item);
      return item.value;
    }
  }
  getMany(keys) {
    const result = new Array(keys.length);
    for (var i = 0; i < keys.length; i++) {
      result[i] = this.get(keys[i]);
    }
    return result;
  }
  keys() {
    return Object.keys(this.items);
  }
  set(key, value) {
    const existing = this.items[key];
    if (existing !== void 0) {
      existing.value = value;
      existing.expiry = this.ttl > 0 ? Date.now() + this.ttl : this.ttl;
      this.bumpLru(existing);
      return;
    }
    if (this.max > 0 && this.size >= this.max) {
      this.evict();
    }
    const item = {
      expiry: this.ttl > 0 ? Date.now() + this.ttl : this.ttl,
      key,
      prev: this.last,
      next: null,
      value
    };
    this.items[key] = item;
    if (++this.size === 1) {
      this.first = item;
    } else {
      this.last.next = item;
    }
    this.last = item;
  }
};

// node_modules/@octokit/auth-app/dist-node/index.js
async function getAppAuthentication({
  appId,
  privateKey,
  timeDifference,
  createJwt
}) {
  try {
    if (createJwt) {
      const { jwt, expiresAt } = await createJwt(appId, timeDifference);
      return {
        type: "app",
        token: jwt,
        appId,
        expiresAt
      };
    }
    const authOptions = {
      id: appId,
      privateKey
    };
    if (timeDifference) {
      Object.assign(authOptions, {
        now: Math.floor(Date.now() / 1e3) + timeDifference
      });
    }
    const appAuthentication = await githubAppJwt(authOptions);
    return {
      type: "app",
      token: appAuthentication.token,
      appId: appAuthentication.appId,
      expiresAt: new Date(appAuthentication.expiration * 1e3).toISOString()
    };
  } catch (error) {
    if (privateKey === "-----BEGIN RSA PRIVATE KEY-----") {
      throw new Error(
        "The 'privateKey` option contains only the first line '-----BEGIN RSA PRIVATE KEY-----'. If you are setting it using a `.env` file, make sure it is set on a single line with newlines replaced by '\n'"
      );
    } else {
      throw error;
    }
  }
}
function getCache() {
  return new LruObject(
    // cache max. 15000 tokens, that will use less than 10mb memory
    15e3,
    // Cache for 1 minute less than GitHub expiry
    1e3 * 60 * 59
  );
}
async function get(cache, options) {
  const cacheKey = optionsToCacheKey(options);
  const result = await cache.get(cacheKey);
  if (!result) {
    return;
  }
  const [
    token,
    createdAt,
    expiresAt,
    repositorySelection,
    permissionsString,
    singleFileName
  ] = result.split("|");
  const permissions = options.permissions || permissionsString.split(/,/).reduce((permissions2, string) => {
    if (/!$/.test(string)) {
      permissions2[string.slice(0, -1)] = "write";
    } else {
      permissions2[string] = "read";
    }
    return permissions2;
  }, {});
  return {
    token,
    createdAt,
    expiresAt,
    permissions,
    repositoryIds: options.repositoryIds,
    repositoryNames: options.repositoryNames,
    singleFileName,
    repositorySelection
  };
}
async function set(cache, options, data) {
  const key = optionsToCacheKey(options);
  const permissionsString = options.permissions ? "" : Object.keys(data.permissions).map(
    (name) => `${name}${data.permissions[name] === "write" ? "!" : ""}`
  ).join(",");
  const value = [
    data.token,
    data.createdAt,
    data.expiresAt,
    data.repositorySelection,
    permissionsString,
    data.singleFileName
  ].join("|");
  await cache.set(key, value);
}
function optionsToCacheKey({
  installationId,
  permissions = {},
  repositoryIds = [],
  repositoryNames = []
}) {
  const permissionsString = Object.keys(permissions).sort().map((name) => permissions[name] === "read" ? name : `${name}!`).join(",");
  const repositoryIdsString = repositoryIds.sort().join(",");
  const repositoryNamesString = repositoryNames.join(",");
  return [
    installationId,
    repositoryIdsString,
    repositoryNamesString,
    permissionsString
  ].filter(Boolean).join("|");
}
function toTokenAuthentication({
  installationId,
  token,
  createdAt,
  expiresAt,
  repositorySelection,
  permissions,
  repositoryIds,
  repositoryNames,
  singleFileName
}) {
  return Object.assign(
    {
      type: "token",
      tokenType: "installation",
      token,
      installationId,
      permissions,
      createdAt,
      expiresAt,
      repositorySelection
    },
    repositoryIds ? { repositoryIds } : null,
    repositoryNames ? { repositoryNames } : null,
    singleFileName ? { singleFileName } : null
  );
}
async function getInstallationAuthentication(state, options, customRequest) {
  const installationId = Number(options.installationId || state.installationId);
  if (!installationId) {
    throw new Error(
      "[@octokit/auth-app] installationId option is required for installation authentication."
    );
  }
  if (options.factory) {
    const { type, factory, oauthApp, ...factoryAuthOptions } = {
      ...state,
      ...options
    };
    return factory(factoryAuthOptions);
  }
  const request3 = customRequest || state.request;
  return getInstallationAuthenticationConcurrently(
    state,
    { ...options, installationId },
    request3
  );
}
var pendingPromises = /* @__PURE__ */ new Map();
function getInstallationAuthenticationConcurrently(state, options, request3) {
  const cacheKey = optionsToCacheKey(options);
  if (pendingPromises.has(cacheKey)) {
    return pendingPromises.get(cacheKey);
  }
  const promise = getInstallationAuthenticationImpl(
    state,
    options,
    request3
  ).finally(() => pendingPromises.delete(cacheKey));
  pendingPromises.set(cacheKey, promise);
  return promise;
}
async function getInstallationAuthenticationImpl(state, options, request3) {
  if (!options.refresh) {
    const result = await get(state.cache, options);
    if (result) {
      const {
        token: token2,
        createdAt: createdAt2,
        expiresAt: expiresAt2,
        permissions: permissions2,
        repositoryIds: repositoryIds2,
        repositoryNames: repositoryNames2,
        singleFileName: singleFileName2,
        repositorySelection: repositorySelection2
      } = result;
      return toTokenAuthentication({
        installationId: options.installationId,
        token: token2,
        createdAt: createdAt2,
        expiresAt: expiresAt2,
        permissions: permissions2,
        repositorySelection: repositorySelection2,
        repositoryIds: repositoryIds2,
        repositoryNames: repositoryNames2,
        singleFileName: singleFileName2
      });
    }
  }
  const appAuthentication = await getAppAuthentication(state);
  const payload = {
    installation_id: options.installationId,
    mediaType: {
      previews: ["machine-man"]
    },
    headers: {
      authorization: `bearer ${appAuthentication.token}`
    }
  };
  if (options.repositoryIds) {
    Object.assign(payload, { repository_ids: options.repositoryIds });
  }
  if (options.repositoryNames) {
    Object.assign(payload, {
      repositories: options.repositoryNames
    });
  }
  if (options.permissions) {
    Object.assign(payload, { permissions: options.permissions });
  }
  const {
    data: {
      token,
      expires_at: expiresAt,
      repositories,
      permissions: permissionsOptional,
      repository_selection: repositorySelectionOptional,
      single_file: singleFileName
    }
  } = await request3(
    "POST /app/installations/{installation_id}/access_tokens",
    payload
  );
  const permissions = permissionsOptional || {};
  const repositorySelection = repositorySelectionOptional || "all";
  const repositoryIds = repositories ? repositories.map((r) => r.id) : void 0;
  const repositoryNames = repositories ? repositories.map((repo) => repo.name) : void 0;
  const createdAt = (/* @__PURE__ */ new Date()).toISOString();
  const cacheOptions = {
    token,
    createdAt,
    expiresAt,
    repositorySelection,
    permissions,
    repositoryIds,
    repositoryNames
  };
  if (singleFileName) {
    Object.assign(payload, { singleFileName });
  }
  await set(state.cache, options, cacheOptions);
  const cacheData = {
    installationId: options.installationId,
    token,
    createdAt,
    expiresAt,
    repositorySelection,
    permissions,
    repositoryIds,
    repositoryNames
  };
  if (singleFileName) {
    Object.assign(cacheData, { singleFileName });
  }
  return toTokenAuthentication(cacheData);
}
async function auth4(state, authOptions) {
  switch (authOptions.type) {
    case "app":
      return getAppAuthentication(state);
    case "oauth-app":
      return state.oauthApp({ type: "oauth-app" });
    case "installation":
      authOptions;
      return getInstallationAuthentication(state, {
        ...authOptions,
        type: "installation"
      });
    case "oauth-user":
      return state.oauthApp(authOptions);
    default:
      throw new Error(`Invalid auth type: ${authOptions.type}`);
  }
}
var PATHS = [
  "/app",
  "/app/hook/config",
  "/app/hook/deliveries",
  "/app/hook/deliveries/{delivery_id}",
  "/app/hook/deliveries/{delivery_id}/attempts",
  "/app/installations",
  "/app/installations/{installation_id}",
  "/app/installations/{installation_id}/access_tokens",
  "/app/installations/{installation_id}/suspended",
  "/app/installation-requests",
  "/marketplace_listing/accounts/{account_id}",
  "/marketplace_listing/plan",
  "/marketplace_listing/plans",
  "/marketplace_listing/plans/{plan_id}/accounts",
  "/marketplace_listing/stubbed/accounts/{account_id}",
  "/marketplace_listing/stubbed/plan",
  "/marketplace_listing/stubbed/plans",
  "/marketplace_listing/stubbed/plans/{plan_id}/accounts",
  "/orgs/{org}/installation",
  "/repos/{owner}/{repo}/installation",
  "/users/{username}/installation",
  "/enterprises/{enterprise}/installation"
];
function routeMatcher(paths) {
  const regexes = paths.map(
    (p) => p.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})$`;
  return new RegExp(regex, "i");
}
var REGEX = routeMatcher(PATHS);
function requiresAppAuth(url) {
  return !!url && REGEX.test(url.split("?")[0]);
}
var FIVE_SECONDS_IN_MS = 5 * 1e3;
function isNotTimeSkewError(error) {
  return !(error.message.match(
    /'Expiration time' claim \('exp'\) is too far in the future/
  ) || error.message.match(
    /'Expiration time' claim \('exp'\) must be a numeric value representing the future time at which the assertion expires/
  ) || error.message.match(
    /'Issued at' claim \('iat'\) must be an Integer representing the time that the assertion was issued/
  ));
}
async function hook4(state, request3, route, parameters) {
  const endpoint = request3.endpoint.merge(route, parameters);
  const url = endpoint.url;
  if (/\/login\/oauth\/access_token$/.test(url)) {
    return request3(endpoint);
  }
  if (requiresAppAuth(url.replace(request3.endpoint.DEFAULTS.baseUrl, ""))) {
    const { token: token2 } = await getAppAuthentication(state);
    endpoint.headers.authorization = `bearer ${token2}`;
    let response;
    try {
      response = await request3(endpoint);
    } catch (error) {
      if (isNotTimeSkewError(error)) {
        throw error;
      }
      if (typeof error.response.headers.date === "undefined") {
        throw error;
      }
      const diff = Math.floor(
        (Date.parse(error.response.headers.date) - Date.parse((/* @__PURE__ */ new Date()).toString())) / 1e3
      );
      state.log.warn(error.message);
      state.log.warn(
        `[@octokit/auth-app] GitHub API time and system time are different by ${diff} seconds. Retrying request with the difference accounted for.`
      );
      const { token: token3 } = await getAppAuthentication({
        ...state,
        timeDifference: diff
      });
      endpoint.headers.authorization = `bearer ${token3}`;
      return request3(endpoint);
    }
    return response;
  }
  if (requiresBasicAuth(url)) {
    const authentication = await state.oauthApp({ type: "oauth-app" });
    endpoint.headers.authorization = authentication.headers.authorization;
    return request3(endpoint);
  }
  const { token, createdAt } = await getInstallationAuthentication(
    state,
    // @ts-expect-error TBD
    {},
    request3.defaults({ baseUrl: endpoint.baseUrl })
  );
  endpoint.headers.authorization = `token ${token}`;
  return sendRequestWithRetries(
    state,
    request3,
    endpoint,
    createdAt
  );
}
async function sendRequestWithRetries(state, request3, options, createdAt, retries = 0) {
  const timeSinceTokenCreationInMs = +/* @__PURE__ */ new Date() - +new Date(createdAt);
  try {
    return await request3(options);
  } catch (error) {
    if (error.status !== 401) {
      throw error;
    }
    if (timeSinceTokenCreationInMs >= FIVE_SECONDS_IN_MS) {
      if (retries > 0) {
        error.message = `After ${retries} retries within ${timeSinceTokenCreationInMs / 1e3}s of creating the installation access token, the response remains 401. At this point, the cause may be an authentication problem or a system outage. Please check https://www.githubstatus.com for status information`;
      }
      throw error;
    }
    ++retries;
    const awaitTime = retries * 1e3;
    state.log.warn(
      `[@octokit/auth-app] Retrying after 401 response to account for token replication delay (retry: ${retries}, wait: ${awaitTime / 1e3}s)`
    );
    await new Promise((resolve) => setTimeout(resolve, awaitTime));
    return sendRequestWithRetries(state, request3, options, createdAt, retries);
  }
}
var VERSION5 = "8.3.1";
function createAppAuth(options) {
  if (!options.appId) {
    throw new Error("[@octokit/auth-app] appId option is required");
  }
  if (!options.privateKey && !options.createJwt) {
    throw new Error("[@octokit/auth-app] privateKey option is required");
  } else if (options.privateKey && options.createJwt) {
    throw new Error(
      "[@octokit/auth-app] privateKey and createJwt options are mutually exclusive"
    );
  }
  if ("installationId" in options && !options.installationId) {
    throw new Error(
      "[@octokit/auth-app] installationId is set to a falsy value"
    );
  }
  const log = options.log || {};
  if (typeof log.warn !== "function") {
    log.warn = console.warn.bind(console);
  }
  const request3 = options.request || request.defaults({
    headers: {
      "user-agent": `octokit-auth-app.js/${VERSION5} ${getUserAgent()}`
    }
  });
  const state = Object.assign(
    {
      request: request3,
      cache: getCache()
    },
    options,
    options.installationId ? { installationId: Number(options.installationId) } : {},
    {
      log,
      oauthApp: createOAuthAppAuth({
        clientType: "github-app",
        clientId: options.clientId || "",
        clientSecret: options.clientSecret || "",
        request: request3
      })
    }
  );
  return Object.assign(auth4.bind(null, state), {
    hook: hook4.bind(null, state)
  });
}

// src/adapters/github/app-auth.ts
var CACHE_LIMIT = 1e3;
function createGitHubClients(auth5, options) {
  const common = {
    baseUrl: options.baseUrl,
    ...options.log ? { log: options.log } : {},
    ...options.maxRetries !== void 0 ? { maxRetries: options.maxRetries } : {}
  };
  if (auth5.kind === "token") {
    const client = createGitHubClient({ ...common, token: auth5.token });
    return { forDelivery: async () => client };
  }
  const tokens = boundedCache(CACHE_LIMIT);
  const installations = boundedCache(CACHE_LIMIT);
  const appAuth = { appId: auth5.appId, privateKey: auth5.privateKey, cache: tokens };
  const appClient = createGitHubClient({ ...common, authStrategy: createAppAuth, auth: appAuth });
  return {
    async forDelivery(origin) {
      const key = `${origin.repository.owner}/${origin.repository.repo}`.toLowerCase();
      let installationId = origin.installationId ?? installations.get(key);
      if (installationId === void 0) {
        try {
          const { data } = await appClient.rest.apps.getRepoInstallation({ ...origin.repository });
          installationId = data.id;
        } catch (e) {
          const status = e.status;
          throw new Error(
            `The GitHub App is not installed on ${key}${typeof status === "number" ? ` (HTTP ${status})` : ""}; install it on the repository or organisation.`,
            { cause: e }
          );
        }
        installations.set(key, installationId);
      }
      return createGitHubClient({
        ...common,
        authStrategy: createAppAuth,
        auth: { ...appAuth, installationId }
      });
    }
  };
}
function boundedCache(limit) {
  const map = /* @__PURE__ */ new Map();
  return {
    get: (key) => map.get(key),
    set(key, value) {
      map.delete(key);
      map.set(key, value);
      if (map.size > limit) map.delete(map.keys().next().value);
    }
  };
}

// src/adapters/queue/sqlite-queue.ts
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
var SCHEMA_VERSION = 1;
var DAY_IN_MS = 864e5;
var DeliveryQueue = class _DeliveryQueue {
  maxAttempts;
  visibilityTimeoutInMs;
  #db;
  #now;
  #retryDelayInMs;
  #maxRetryDelayInMs;
  #retentionInMs;
  #sql;
  constructor(db, options) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.visibilityTimeoutInMs = options.visibilityTimeoutInMs ?? 6e4;
    this.#retryDelayInMs = options.retryDelayInMs ?? 2e3;
    this.#maxRetryDelayInMs = options.maxRetryDelayInMs ?? 3e5;
    this.#retentionInMs = options.retentionInMs ?? 30 * DAY_IN_MS;
    this.#sql = prepare(db);
  }
  /**
   * Open (or create) the queue in `options.dir`. Throws when another process holds the
   * directory, naming it and saying what to do.
   */
  static open(options) {
    mkdirSync(options.dir, { recursive: true });
    const file = join(options.dir, "deliveries.db");
    const db = new DatabaseSync(file, { timeout: 2e3 });
    try {
      db.exec(`PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;`);
      db.exec("BEGIN IMMEDIATE");
      db.exec(`CREATE TABLE IF NOT EXISTS deliveries (
        id TEXT PRIMARY KEY,
        event TEXT NOT NULL,
        payload TEXT,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        visible_at INTEGER,
        outcome TEXT,
        last_error TEXT,
        finished_at INTEGER
      );
      CREATE INDEX IF NOT EXISTS deliveries_visible ON deliveries (visible_at);
      CREATE INDEX IF NOT EXISTS deliveries_state ON deliveries (state);
      PRAGMA user_version = ${SCHEMA_VERSION};`);
      db.prepare("UPDATE deliveries SET state = 'ready', visible_at = ? WHERE state = 'leased'").run(
        (options.now ?? Date.now)()
      );
      db.exec("COMMIT");
    } catch (e) {
      db.close();
      const message = e.message;
      if (/locked|busy/i.test(message)) {
        throw new TypeError(
          `The data directory '${options.dir}' is in use by another leakstop process; give each process its own LEAKSTOP_DATA_DIR.`,
          { cause: e }
        );
      }
      throw new Error(`Could not open the delivery queue in '${file}': ${message}`, { cause: e });
    }
    return new _DeliveryQueue(db, options);
  }
  /** Store a delivery before it is acknowledged. Durable when this returns. */
  enqueue(delivery) {
    return this.enqueueMany([delivery])[0];
  }
  /**
   * Store several deliveries in one transaction: one fsync for all of them (group commit).
   * Durable when this returns; the results are in the order given.
   */
  enqueueMany(deliveries) {
    const now = this.#now();
    const one = (d) => {
      if (this.#sql.insert.run(d.id, d.event, d.payload, now, now).changes > 0) return "queued";
      return this.#sql.revive.run(d.event, d.payload, now, d.id).changes > 0 ? "requeued" : "duplicate";
    };
    if (deliveries.length === 1) return [one(deliveries[0])];
    this.#sql.begin.run();
    try {
      const results = deliveries.map(one);
      this.#sql.commit.run();
      return results;
    } catch (e) {
      if (this.#db.isTransaction) this.#sql.rollback.run();
      throw e;
    }
  }
  /** Take the next ready delivery, or undefined. Its attempt is counted now. */
  lease() {
    const now = this.#now();
    const row = this.#relaxed(() => this.#sql.lease.get(now + this.visibilityTimeoutInMs, now));
    if (!row) return void 0;
    return {
      id: row.id,
      event: row.event,
      payload: row.payload ?? "",
      attempt: row.attempts,
      receivedAt: row.received_at
    };
  }
  /** Keep a delivery hidden for another visibility timeout (the worker's heartbeat). */
  extend(id) {
    this.#relaxed(() => this.#sql.extend.run(this.#now() + this.visibilityTimeoutInMs, id));
  }
  /** The work is done; the payload is dropped, the id kept to recognise redeliveries. */
  complete(id, outcome) {
    this.#relaxed(() => this.#sql.complete.run(outcome, this.#now(), id));
  }
  /** The attempt failed: retry later (backoff), or dead when attempts are used up or `retryable` is false. */
  fail(id, error, options = {}) {
    const row = this.#sql.attempts.get(id);
    const attempts = row?.attempts ?? this.maxAttempts;
    const now = this.#now();
    if (options.retryable === false || attempts >= this.maxAttempts) {
      this.#relaxed(() => this.#sql.dead.run(error, now, id));
      return { state: "dead" };
    }
    const delayInMs = this.retryDelay(attempts);
    this.#relaxed(() => this.#sql.retry.run(now + delayInMs, error, id));
    return { state: "retry", delayInMs };
  }
  /** Give a leased delivery back without counting the attempt (shutdown). */
  release(id) {
    this.#relaxed(() => this.#sql.release.run(this.#now(), id));
  }
  /** A delivery's state, for tests and diagnostics. */
  get(id) {
    const row = this.#sql.state.get(id);
    if (!row) return void 0;
    return {
      state: row.state,
      attempts: row.attempts,
      ...row.outcome !== null ? { outcome: row.outcome } : {},
      ...row.last_error !== null ? { lastError: row.last_error } : {}
    };
  }
  counts() {
    const out = { ready: 0, leased: 0, done: 0, dead: 0 };
    for (const row of this.#sql.counts.all()) out[row.state] = row.n;
    return out;
  }
  /** Milliseconds until a delivery may become available (ready or an expiring lease); undefined: none. */
  nextAvailableInMs() {
    const at = this.#sql.nextVisible.get().at;
    return at === null ? void 0 : Math.max(0, at - this.#now());
  }
  /** Forget finished deliveries older than the retention. Returns how many. */
  prune() {
    return Number(this.#sql.prune.run(this.#now() - this.#retentionInMs).changes);
  }
  /** Delay before attempt `attempts + 1`: base × 2^(attempts−1), capped, with ±20 % jitter. */
  retryDelay(attempts) {
    const base = Math.min(this.#maxRetryDelayInMs, this.#retryDelayInMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }
  close() {
    if (this.#db.isOpen) this.#db.close();
  }
  /** Run a write that need not be fsynced on its own (see the module comment). */
  #relaxed(write) {
    this.#sql.relaxed.run();
    try {
      return write();
    } finally {
      this.#sql.strict.run();
    }
  }
};
function prepare(db) {
  const p = (sql) => db.prepare(sql);
  return {
    insert: p(
      "INSERT OR IGNORE INTO deliveries (id, event, payload, state, attempts, received_at, visible_at) VALUES (?, ?, ?, 'ready', 0, ?, ?)"
    ),
    revive: p(
      "UPDATE deliveries SET event = ?, payload = ?, state = 'ready', attempts = 0, visible_at = ?, last_error = NULL WHERE id = ? AND state = 'dead'"
    ),
    lease: p(
      `UPDATE deliveries SET state = 'leased', attempts = attempts + 1, visible_at = ?
       WHERE rowid = (SELECT rowid FROM deliveries WHERE visible_at <= ? ORDER BY visible_at LIMIT 1)
       RETURNING id, event, payload, attempts, received_at`
    ),
    extend: p("UPDATE deliveries SET visible_at = ? WHERE id = ? AND state = 'leased'"),
    complete: p(
      "UPDATE deliveries SET state = 'done', payload = NULL, outcome = ?, finished_at = ?, visible_at = NULL WHERE id = ?"
    ),
    retry: p("UPDATE deliveries SET state = 'ready', visible_at = ?, last_error = ? WHERE id = ? AND state = 'leased'"),
    dead: p(
      "UPDATE deliveries SET state = 'dead', visible_at = NULL, last_error = ?, finished_at = ? WHERE id = ? AND state = 'leased'"
    ),
    release: p(
      "UPDATE deliveries SET state = 'ready', attempts = MAX(attempts - 1, 0), visible_at = ? WHERE id = ? AND state = 'leased'"
    ),
    attempts: p("SELECT attempts FROM deliveries WHERE id = ?"),
    state: p("SELECT state, outcome, attempts, last_error FROM deliveries WHERE id = ?"),
    counts: p("SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state"),
    nextVisible: p("SELECT MIN(visible_at) AS at FROM deliveries"),
    begin: p("BEGIN IMMEDIATE"),
    commit: p("COMMIT"),
    rollback: p("ROLLBACK"),
    relaxed: p("PRAGMA synchronous = NORMAL"),
    strict: p("PRAGMA synchronous = FULL"),
    prune: p("DELETE FROM deliveries WHERE state = 'done' AND finished_at < ?")
  };
}
var BatchingEnqueuer = class {
  constructor(queue) {
    this.queue = queue;
  }
  queue;
  #pending = [];
  #scheduled = false;
  enqueue(delivery) {
    return new Promise((resolve, reject) => {
      this.#pending.push({ delivery, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }
  #flush() {
    const batch = this.#pending;
    this.#pending = [];
    this.#scheduled = false;
    try {
      const results = this.queue.enqueueMany(batch.map((b) => b.delivery));
      for (const [i, b] of batch.entries()) b.resolve(results[i]);
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
  }
};

// src/adapters/queue/worker.ts
var PermanentError = class extends Error {
  name = "PermanentError";
};
var WorkerPool = class {
  #o;
  #active = /* @__PURE__ */ new Map();
  #running = false;
  #timer;
  #pumping = false;
  constructor(options) {
    this.#o = {
      concurrency: 4,
      timeoutInMs: 6e5,
      idlePollInMs: 5e3,
      isPermanent: (e) => e instanceof PermanentError,
      ...options
    };
    if (!Number.isInteger(this.#o.concurrency) || this.#o.concurrency < 1) {
      throw new RangeError(`Worker concurrency '${this.#o.concurrency}' must be a whole number of at least 1.`);
    }
  }
  /** Deliveries in progress. */
  get inFlight() {
    return this.#active.size;
  }
  start() {
    this.#running = true;
    this.notify();
  }
  /** Something may be ready: take work now. */
  notify() {
    if (!this.#running || this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#running && this.#active.size < this.#o.concurrency) {
        const delivery = this.#o.queue.lease();
        if (!delivery) break;
        this.#run(delivery);
      }
    } finally {
      this.#pumping = false;
    }
    this.#schedule();
  }
  /**
   * Stop taking work; wait up to `graceInMs` for the deliveries in progress, then abort them and
   * give them back to the queue (the next start runs them again).
   */
  async stop(graceInMs = 2e4) {
    this.#running = false;
    clearTimeout(this.#timer);
    const pending = [...this.#active.values()].map((a) => a.done);
    if (pending.length === 0) return;
    let timer;
    const grace = new Promise((resolve) => {
      timer = setTimeout(() => resolve("grace"), graceInMs);
    });
    const finished = await Promise.race([Promise.all(pending).then(() => "done"), grace]);
    clearTimeout(timer);
    if (finished === "grace") {
      for (const a of this.#active.values()) a.controller.abort(new Error("leakstop is shutting down"));
      await Promise.all([...this.#active.values()].map((a) => a.done));
    }
  }
  #schedule() {
    clearTimeout(this.#timer);
    if (!this.#running || this.#active.size >= this.#o.concurrency) return;
    const next = this.#o.queue.nextAvailableInMs();
    const wait2 = Math.min(next ?? this.#o.idlePollInMs, this.#o.idlePollInMs);
    this.#timer = setTimeout(() => this.notify(), Math.max(wait2, 10));
    this.#timer.unref();
  }
  #run(delivery) {
    const controller = new AbortController();
    const { queue, onEvent } = this.#o;
    const started = performance.now();
    const heartbeat = setInterval(() => queue.extend(delivery.id), Math.max(1e3, queue.visibilityTimeoutInMs / 3));
    const timeout = setTimeout(
      () => controller.abort(new Error(`timed out after ${this.#o.timeoutInMs} ms`)),
      this.#o.timeoutInMs
    );
    onEvent?.({ type: "start", delivery });
    const done = (async () => {
      try {
        const outcome = await this.#o.handle(delivery, controller.signal);
        queue.complete(delivery.id, outcome);
        onEvent?.({ type: "done", delivery, outcome, ms: performance.now() - started });
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        const ms = performance.now() - started;
        if (!this.#running && controller.signal.aborted) {
          queue.release(delivery.id);
          onEvent?.({ type: "released", delivery });
          return;
        }
        const result = queue.fail(delivery.id, error.message, { retryable: !this.#o.isPermanent(e) });
        if (result.state === "dead") onEvent?.({ type: "dead", delivery, error, ms });
        else onEvent?.({ type: "retry", delivery, error, delayInMs: result.delayInMs, ms });
      } finally {
        clearInterval(heartbeat);
        clearTimeout(timeout);
        this.#active.delete(delivery.id);
      }
    })().catch(
      (e) => onEvent?.({ type: "error", delivery, error: e instanceof Error ? e : new Error(String(e)) })
    ).finally(() => this.notify());
    this.#active.set(delivery.id, { controller, done });
  }
};

// src/adapters/github/alerts.ts
var PER_PAGE = 100;
async function getAlert(client, repo, number, options = {}) {
  try {
    const { data } = await client.rest.secretScanning.getAlert({
      ...repo,
      alert_number: number,
      ...request2(options)
    });
    const a = data;
    if (typeof a.secret !== "string" || a.secret === "") {
      throw new Error("the response has no 'secret' (the token may lack secret scanning access, or hide_secret is on)");
    }
    const bypassed = a.push_protection_bypassed === true;
    return {
      number,
      state: a.state === "resolved" ? "resolved" : "open",
      resolution: a.resolution ?? void 0,
      secretType: a.secret_type ?? "unknown",
      secretTypeDisplayName: a.secret_type_display_name ?? a.secret_type ?? "secret",
      secret: a.secret,
      htmlUrl: a.html_url,
      validity: a.validity === "active" || a.validity === "inactive" || a.validity === "unknown" ? a.validity : void 0,
      publiclyLeaked: a.publicly_leaked === true,
      bypass: bypassed ? {
        by: a.push_protection_bypassed_by?.login,
        at: a.push_protection_bypassed_at ?? void 0,
        comment: a.push_protection_bypass_request_comment ?? void 0,
        reviewer: a.push_protection_bypass_request_reviewer?.login,
        requestUrl: a.push_protection_bypass_request_html_url ?? void 0
      } : void 0
    };
  } catch (e) {
    throw alertError(e, `read secret scanning alert #${number} of ${repo.owner}/${repo.repo}`);
  }
}
async function listAlertLocations(client, repo, number, options = {}) {
  const out = [];
  try {
    const pages = client.paginate.iterator(client.rest.secretScanning.listLocationsForAlert, {
      ...repo,
      alert_number: number,
      per_page: PER_PAGE,
      ...request2(options)
    });
    for await (const page of pages) for (const raw of page.data) out.push(toLocation(raw));
  } catch (e) {
    throw alertError(e, `list the locations of secret scanning alert #${number} of ${repo.owner}/${repo.repo}`);
  }
  return out;
}
var RESOLUTION_COMMENT_LIMIT = 280;
async function resolveAlertAsRevoked(client, repo, number, comment, options = {}) {
  const text = comment.length > RESOLUTION_COMMENT_LIMIT ? `${comment.slice(0, RESOLUTION_COMMENT_LIMIT - 1)}\u2026` : comment;
  try {
    await client.rest.secretScanning.updateAlert({
      ...repo,
      alert_number: number,
      state: "resolved",
      resolution: "revoked",
      resolution_comment: text,
      ...request2(options)
    });
  } catch (e) {
    throw alertError(e, `resolve secret scanning alert #${number} of ${repo.owner}/${repo.repo}`);
  }
}
async function getCommitInfo(client, repo, sha, options = {}) {
  try {
    const { data } = await client.rest.git.getCommit({ ...repo, commit_sha: sha, ...request2(options) });
    return { sha, authorName: data.author.name, authorEmail: data.author.email, date: data.author.date };
  } catch (e) {
    throw alertError(e, `read commit ${sha.slice(0, 12)} of ${repo.owner}/${repo.repo}`);
  }
}
function toLocation(raw) {
  const d = raw.details ?? {};
  const num = (k) => typeof d[k] === "number" ? d[k] : void 0;
  const str = (k) => typeof d[k] === "string" && d[k] !== "" ? d[k] : void 0;
  const fields = {
    path: str("path"),
    startLine: num("start_line"),
    endLine: num("end_line"),
    startColumn: num("start_column"),
    endColumn: num("end_column"),
    commitSha: str("commit_sha"),
    htmlUrl: str("html_url")
  };
  return {
    type: raw.type ?? "unknown",
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== void 0))
  };
}
function request2(options) {
  return options.abortSignal ? { request: { signal: options.abortSignal } } : {};
}
var GitHubApiError = class extends Error {
  constructor(message, status, options) {
    super(message, options);
    this.status = status;
  }
  status;
  name = "GitHubApiError";
  /** Rate limits, server errors and network failures pass; other 4xx answers do not. */
  get transient() {
    return this.status === void 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
};
function alertError(error, what) {
  if (error instanceof GitHubApiError) return error;
  const status = error.status;
  const code = typeof status === "number" ? status : void 0;
  const reason = error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error);
  const fix = code === 401 ? "the GitHub token or App credentials are invalid or expired" : code === 403 || code === 404 ? "grant the GitHub App 'Secret scanning alerts: read and write' and 'Contents: read' (or use a token with the 'security_events' and 'repo' scopes), and check that secret scanning is on for the repository" : void 0;
  const message = `Could not ${what} (${code !== void 0 ? `HTTP ${code}: ` : ""}${reason})`;
  return new GitHubApiError(fix ? `${message}: ${fix}.` : `${message}.`, code, { cause: error });
}

// src/entrypoints/server/handle-alert.ts
var ALERT_ACTIONS = ["created", "reopened", "publicly_leaked", "validated"];
function isActionableAlert(payload) {
  const p = payload;
  const action = p?.action;
  if (action === "validated") return p?.alert?.validity === "active";
  return typeof action === "string" && ALERT_ACTIONS.includes(action);
}
async function handleAlert(payload, job, deps) {
  const { repo, number, installationId } = alertTarget(payload);
  const repository = `${repo.owner}/${repo.repo}`;
  const log = job.log.child({ repository, alert: number });
  const github = await deps.clients.forDelivery({
    repository: repo,
    ...installationId !== void 0 ? { installationId } : {}
  });
  const request3 = { abortSignal: job.abortSignal };
  const alert = await getAlert(github, repo, number, request3);
  log.addSensitive(alert.secret);
  if (alert.state === "resolved") {
    log.info("alert already resolved; nothing to do", { resolution: alert.resolution });
    return "already-resolved";
  }
  const locations = await listAlertLocations(github, repo, number, request3);
  const first = firstCodeLocation(locations);
  let commit;
  if (first?.commitSha) {
    try {
      commit = await getCommitInfo(github, repo, first.commitSha, request3);
    } catch (e) {
      log.warn("could not read the commit of the alert's first location", { error: e });
    }
  }
  if (alert.bypass) {
    log.warn("push protection was bypassed", { by: alert.bypass.by, reason: alert.bypass.comment });
  }
  const finding = alertFinding(alert, first, deps.engine, commit);
  log.info("alert read", {
    secretType: alert.secretType,
    locations: locations.length,
    fingerprint: finding.fingerprint
  });
  const response = await deps.responder.respondToLeak(
    {
      deliveryId: job.deliveryId,
      repository,
      findings: [finding],
      ...alert.bypass?.by ? { pusher: alert.bypass.by } : {},
      alert: {
        number,
        htmlUrl: alert.htmlUrl,
        secretType: alert.secretTypeDisplayName,
        publiclyLeaked: alert.publiclyLeaked,
        bypass: alert.bypass,
        locations: locations.map(describeLocation)
      }
    },
    { github, abortSignal: job.abortSignal, log }
  );
  deps.metrics.rotations.inc({}, response.rotated);
  if (response.failures > 0) deps.metrics.failures.inc({ stage: "rotation" }, response.failures);
  if (!response.revoked) {
    log.info("alert left open", { outcome: response.outcome, why: whyOpen(response, deps.dryRun) });
    return response.outcome;
  }
  try {
    await resolveAlertAsRevoked(github, repo, number, resolutionComment(job.deliveryId, response), request3);
  } catch (e) {
    deps.metrics.failures.inc({ stage: "resolve" });
    throw e;
  }
  deps.metrics.alertsResolved.inc();
  log.info("alert resolved as revoked", { issue: response.issueUrl });
  return response.outcome;
}
function alertFinding(alert, location, engine, commit) {
  const path = location?.path ?? `(${location?.type ?? "secret scanning alert"} #${alert.number})`;
  const own = engine.scan({ path, text: alert.secret, startLine: 1 }).find((f) => f.secret === alert.secret);
  const ruleId = own?.ruleId ?? `github-secret-scanning/${alert.secretType}`;
  const title = own?.title ?? alert.secretTypeDisplayName;
  const line = location?.startLine ?? 1;
  const column = location?.startColumn ?? 1;
  return {
    ruleId,
    title,
    path,
    line,
    column,
    endLine: location?.endLine ?? line,
    endColumn: location?.endColumn ?? column + alert.secret.length,
    ...commit ? { commit } : {},
    fingerprint: fingerprint(ruleId, path, alert.secret),
    redacted: `${alert.secretType}: ${MASK}`,
    secret: alert.secret
  };
}
function firstCodeLocation(locations) {
  return locations.find((l) => l.type === "commit" && l.path) ?? locations[0];
}
function describeLocation(l) {
  if (l.path) {
    const lines = l.startLine ? ` line ${l.startLine}` : "";
    const at = l.commitSha ? ` (commit ${l.commitSha.slice(0, 12)})` : "";
    return `\`${l.path.replace(/`/g, "'")}\`${lines}${at}`;
  }
  return l.htmlUrl ? `${l.type.replace(/_/g, " ")}: ${l.htmlUrl}` : l.type.replace(/_/g, " ");
}
function resolutionComment(deliveryId, response) {
  const issue = response.issueUrl ? ` Incident: ${response.issueUrl}` : "";
  return `Rotated by leakstop (delivery ${deliveryId}): the leaked value was replaced and disabled in Key Vault.${issue}`;
}
function whyOpen(response, dryRun) {
  if (dryRun) return "dry run";
  switch (response.outcome) {
    case "failed":
      return "the rotation failed";
    case "no-match":
      return "no vault secret holds the leaked value; rotate it by hand";
    default:
      return "the credential must still be changed at its provider (see the issue)";
  }
}
function alertTarget(payload) {
  const p = payload;
  const owner = p?.repository?.owner?.login;
  const name = p?.repository?.name;
  const number = p?.alert?.number;
  if (typeof owner !== "string" || typeof name !== "string" || typeof number !== "number") {
    throw new PermanentError(
      "The secret_scanning_alert payload has no repository.owner.login, repository.name or alert.number."
    );
  }
  const id = p?.installation?.id;
  return { repo: { owner, repo: name }, number, installationId: typeof id === "number" ? id : void 0 };
}

// src/entrypoints/server/handle-push.ts
async function handlePush(payload, job, deps) {
  const p = payload;
  const owner = p?.repository?.owner?.login ?? p?.repository?.owner?.name;
  const name = p?.repository?.name;
  if (typeof owner !== "string" || typeof name !== "string") {
    throw new PermanentError("The push payload has no repository.owner.login or repository.name.");
  }
  const repo = { owner, repo: name };
  const repository = `${owner}/${name}`;
  const log = job.log.child({ repository });
  let plan;
  try {
    plan = planScan({ name: "push", payload });
  } catch (e) {
    throw new PermanentError(e.message);
  }
  if (plan.kind === "skip") {
    log.info("push skipped", { why: plan.reason });
    return "skipped";
  }
  if (plan.kind !== "push") throw new PermanentError(`Unexpected plan '${plan.kind}' for a push.`);
  const installationId = p?.installation?.id;
  const github = await deps.clients.forDelivery({
    repository: repo,
    ...typeof installationId === "number" ? { installationId } : {}
  });
  const commits = await listCommits(github, repo, pushApiTarget(plan));
  job.abortSignal.throwIfAborted();
  const fragments = commitFragments(github, repo, commits, { onNotice: (notice) => log.warn(notice) });
  const findings = dropMergeRepeats(await scanAll(deps.engine, fragments), commits);
  for (const f of findings) log.addSensitive(f.secret);
  log.info("push scanned", { scope: plan.label, commits: commits.length, findings: findings.length });
  if (findings.length === 0) return "clean";
  job.abortSignal.throwIfAborted();
  const sender = p?.sender?.login;
  const response = await deps.responder.respondToLeak(
    { deliveryId: job.deliveryId, repository, findings, ...typeof sender === "string" ? { pusher: sender } : {} },
    { github, abortSignal: job.abortSignal, log }
  );
  deps.metrics.rotations.inc({}, response.rotated);
  if (response.failures > 0) deps.metrics.failures.inc({ stage: "rotation" }, response.failures);
  log.info("push handled", { outcome: response.outcome, rotated: response.rotated, issue: response.issueUrl });
  return response.outcome;
}

// src/entrypoints/server/jobs.ts
var HANDLED_EVENTS = ["secret_scanning_alert", "push"];
function isWork(event, payload) {
  if (event === "secret_scanning_alert") return isActionableAlert(payload);
  return event === "push";
}
function eventLabel(event) {
  return event === "ping" || HANDLED_EVENTS.includes(event ?? "") ? event : "other";
}
function createDeliveryHandler(deps, logger) {
  return async (delivery, abortSignal) => {
    const log = logger.child({ delivery: delivery.id, event: delivery.event, attempt: delivery.attempt });
    let payload;
    try {
      payload = JSON.parse(delivery.payload);
    } catch {
      throw new PermanentError("The stored payload is not JSON.");
    }
    log.info("processing");
    const job = { deliveryId: delivery.id, log, abortSignal };
    switch (delivery.event) {
      case "secret_scanning_alert":
        return handleAlert(payload, job, deps);
      case "push":
        return handlePush(payload, job, deps);
      default:
        throw new PermanentError(`No handler for event '${delivery.event}'.`);
    }
  };
}
function isPermanent(error) {
  for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (e instanceof PermanentError) return true;
    const status = e.status;
    if (typeof status === "number") return status >= 400 && status < 500 && status !== 408 && status !== 429;
  }
  return false;
}

// src/entrypoints/server/log.ts
function createLogger(options) {
  const write = options.write ?? ((line) => process.stdout.write(line));
  const now = options.now ?? Date.now;
  return make({}, [createInspector({ engine: options.engine })], write, now, options.engine);
}
function make(base, inspectors, write, now, engine) {
  const own = inspectors[inspectors.length - 1];
  const clean = (value, depth) => {
    if (typeof value === "string") {
      let out = value;
      for (const i of inspectors) out = i.inspect(out, "log.txt");
      return out;
    }
    if (value instanceof Error) return clean(value.message, depth);
    if (Array.isArray(value)) return depth > 3 ? "[\u2026]" : value.map((v) => clean(v, depth + 1));
    if (value !== null && typeof value === "object") {
      if (depth > 3) return "{\u2026}";
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v, depth + 1)]));
    }
    return value;
  };
  const emit = (level, msg, fields = {}) => {
    const record = { time: new Date(now()).toISOString(), level, msg, ...base, ...fields };
    write(`${JSON.stringify(clean(record, 0))}
`);
  };
  return {
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
    child: (fields) => make({ ...base, ...fields }, [...inspectors, exactOnly(engine)], write, now, engine),
    addSensitive: (value) => own.addSensitive(value)
  };
}
function exactOnly(engine) {
  return createInspector({ engine: { ...engine, scan: () => [] } });
}

// src/entrypoints/server/metrics.ts
var ACK_BUCKETS = [1e-3, 25e-4, 5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
var JOB_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
var Counter = class {
  constructor(name, help) {
    this.name = name;
    this.help = help;
  }
  name;
  help;
  #values = /* @__PURE__ */ new Map();
  inc(labels = {}, by = 1) {
    const key = JSON.stringify(labels);
    const entry = this.#values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.#values.set(key, entry);
  }
  get(labels = {}) {
    return this.#values.get(JSON.stringify(labels))?.value ?? 0;
  }
  render() {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.#values.values()) lines.push(`${this.name}${fmt(labels)} ${value}`);
    return lines;
  }
};
var Histogram = class {
  constructor(name, help, buckets) {
    this.name = name;
    this.help = help;
    this.buckets = buckets;
    this.#counts = buckets.map(() => 0);
  }
  name;
  help;
  buckets;
  #counts;
  #sum = 0;
  #count = 0;
  observe(seconds) {
    this.#sum += seconds;
    this.#count++;
    for (const [i, le] of this.buckets.entries()) if (seconds <= le) this.#counts[i] = (this.#counts[i] ?? 0) + 1;
  }
  render() {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [i, le] of this.buckets.entries()) lines.push(`${this.name}_bucket{le="${le}"} ${this.#counts[i]}`);
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.#count}`);
    lines.push(`${this.name}_sum ${this.#sum}`, `${this.name}_count ${this.#count}`);
    return lines;
  }
};
var Metrics = class {
  /** Outcomes at receipt: queued, duplicate, ignored, rejected (signature), too_large, error. */
  deliveries = new Counter(
    "leakstop_webhook_deliveries_total",
    "Webhook deliveries received, by event and outcome."
  );
  /** Outcomes of processing: rotated, no_match, clean, dry_run, failed, retry, dead… */
  processed = new Counter(
    "leakstop_deliveries_processed_total",
    "Deliveries processed, by event and outcome."
  );
  rotations = new Counter("leakstop_rotations_total", "Key Vault secret versions written by rotations.");
  alertsResolved = new Counter(
    "leakstop_alerts_resolved_total",
    "Secret scanning alerts resolved as revoked."
  );
  failures = new Counter(
    "leakstop_failures_total",
    "Failures, by stage (receive, process, rotation, resolve)."
  );
  ackSeconds = new Histogram(
    "leakstop_webhook_ack_seconds",
    "Time from a delivery's arrival to its acknowledgement.",
    ACK_BUCKETS
  );
  processSeconds = new Histogram(
    "leakstop_delivery_processing_seconds",
    "Time to process one delivery (one attempt).",
    JOB_BUCKETS
  );
  /** The exposition text; `queue` gives the queue depth by state at scrape time. */
  render(queue, inFlight) {
    const lines = [
      ...this.deliveries.render(),
      ...this.processed.render(),
      ...this.rotations.render(),
      ...this.alertsResolved.render(),
      ...this.failures.render(),
      ...this.ackSeconds.render(),
      ...this.processSeconds.render(),
      "# HELP leakstop_queue_depth Deliveries in the durable queue, by state.",
      "# TYPE leakstop_queue_depth gauge",
      ...Object.entries(queue).map(([state, n]) => `leakstop_queue_depth${fmt({ state })} ${n}`),
      "# HELP leakstop_deliveries_in_flight Deliveries being processed now.",
      "# TYPE leakstop_deliveries_in_flight gauge",
      `leakstop_deliveries_in_flight ${inFlight}`
    ];
    return `${lines.join("\n")}
`;
  }
};
function fmt(labels) {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  const esc = (v) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
  return `{${entries.map(([k, v]) => `${k}="${esc(v)}"`).join(",")}}`;
}

// src/entrypoints/server/responder.ts
import { randomBytes } from "node:crypto";
function createRemediationResponder(options) {
  return {
    async respondToLeak(report, call) {
      const inspector = createInspector({ engine: options.engine, sensitive: report.findings.map((f) => f.secret) });
      const issues = createGitHubIssueTracker(call.github, {
        repository: options.issueRepository ?? report.repository,
        log: (line) => call.log.warn(line)
      });
      const ports = {
        secretStore: options.secretStore,
        issues,
        audit: { record: (record) => call.log.info("audit", { audit: record }) },
        clock: { now: () => /* @__PURE__ */ new Date() },
        random: { bytes: (n) => new Uint8Array(randomBytes(n)) },
        ...options.providerRotators ? { providerRotators: options.providerRotators } : {},
        registerSensitive: (value) => call.log.addSensitive(value),
        log: (line) => call.log.info(line)
      };
      const result = await respond(report.findings, ports, {
        config: options.config,
        inspector,
        rules: options.engine.rules,
        dryRun: options.dryRun,
        abortSignal: call.abortSignal,
        context: {
          repository: report.repository,
          serverUrl: options.serverUrl,
          deliveryId: report.deliveryId,
          ...report.pusher ? { pusher: report.pusher } : {}
        }
      });
      const issueUrl = result.issues[0]?.url;
      const created = result.issues.find((i) => i.action === "created");
      if (report.alert && created && !options.dryRun) {
        const body = inspector.inspect(alertComment(report.alert), "comment.md");
        try {
          await issues.comment(created.number, body, { abortSignal: call.abortSignal });
        } catch (e) {
          call.log.warn("could not comment the alert's details on the issue", { issue: created.url, error: e });
        }
      }
      if (options.dryRun) return { outcome: "dry-run", revoked: false, rotated: 0, failures: 0 };
      const revoked = await isRevoked(report.findings, result.results, options.secretStore);
      return {
        outcome: outcomeOf(result.results),
        revoked,
        rotated: result.rotated.length,
        failures: result.failures,
        ...issueUrl ? { issueUrl } : {}
      };
    }
  };
}
function outcomeOf(results) {
  if (results.some((r) => r.kind === "failed")) return "failed";
  if (results.some((r) => r.kind === "rotated")) return "rotated";
  if (results.length > 0 && results.every((r) => r.kind === "skipped" && r.step.kind === "skip" && r.step.done)) {
    return "already-rotated";
  }
  return "no-match";
}
async function isRevoked(findings, results, secretStore) {
  if (findings.length === 0 || results.length === 0) return false;
  const verdicts = /* @__PURE__ */ new Map();
  for (const r of results) {
    let dead;
    if (r.kind === "rotated") dead = r.downstream !== "needed";
    else if (r.kind === "skipped" && r.step.kind === "skip" && r.step.done) {
      dead = await vaultOnly(secretStore(r.step.vaultUrl), r.step.name);
    } else dead = false;
    for (const fp of r.step.incidents) verdicts.set(fp, (verdicts.get(fp) ?? true) && dead);
  }
  return findings.every((f) => verdicts.get(f.fingerprint) === true);
}
async function vaultOnly(store, name) {
  let newest;
  for await (const v of store.listVersions(name)) {
    const tag = v.tags[PROVIDER_TAG];
    if (tag === void 0) continue;
    const on = v.createdOn?.getTime() ?? 0;
    if (!newest || on > newest.on) newest = { on, none: tag.toLowerCase() === "none" };
  }
  return newest?.none === true;
}
function alertComment(alert) {
  const link = alert.htmlUrl ? `[#${alert.number}](${alert.htmlUrl})` : `#${alert.number}`;
  const lines = [`GitHub secret scanning alert ${link} (\`${alert.secretType}\`) reported this leak.`];
  if (alert.publiclyLeaked) lines.push("", "> [!CAUTION]", "> GitHub found this secret in a **public** location.");
  if (alert.bypass) {
    const who = alert.bypass.by ? `@${alert.bypass.by}` : "someone";
    const when = alert.bypass.at ? ` on ${alert.bypass.at}` : "";
    lines.push("", "> [!WARNING]", `> **Push protection was bypassed** by ${who}${when}.`);
    if (alert.bypass.comment) lines.push(">", `> Their reason: ${quote(alert.bypass.comment)}`);
    if (alert.bypass.reviewer) lines.push(">", `> Bypass request reviewed by @${alert.bypass.reviewer}.`);
    if (alert.bypass.requestUrl) lines.push(">", `> [Bypass request](${alert.bypass.requestUrl})`);
  }
  if (alert.locations.length > 0) {
    lines.push("", "Locations:", "", ...alert.locations.slice(0, 20).map((l) => `- ${l}`));
    if (alert.locations.length > 20) lines.push(`- \u2026 and ${alert.locations.length - 20} more (see the alert)`);
  }
  return `${lines.join("\n")}
`;
}
function quote(text) {
  const t = text.replace(/\s+/g, " ").trim().slice(0, 500);
  return `\u201C${t.replace(/[\\`*_{}[\]()<>#+!|~@-]/g, (c) => `\\${c}`)}\u201D`;
}

// src/entrypoints/server/server.ts
import { AsyncLocalStorage } from "node:async_hooks";
import { createServer } from "node:http";

// node_modules/@octokit/webhooks-methods/dist-node/index.js
import { createHmac } from "node:crypto";
import { timingSafeEqual } from "node:crypto";
import { Buffer as Buffer2 } from "node:buffer";
var VERSION6 = "6.0.0";
async function sign(secret, payload) {
  if (!secret || !payload) {
    throw new TypeError(
      "[@octokit/webhooks-methods] secret & payload required for sign()"
    );
  }
  if (typeof payload !== "string") {
    throw new TypeError("[@octokit/webhooks-methods] payload must be a string");
  }
  const algorithm = "sha256";
  return `${algorithm}=${createHmac(algorithm, secret).update(payload).digest("hex")}`;
}
sign.VERSION = VERSION6;
async function verify(secret, eventPayload, signature) {
  if (!secret || !eventPayload || !signature) {
    throw new TypeError(
      "[@octokit/webhooks-methods] secret, eventPayload & signature required"
    );
  }
  if (typeof eventPayload !== "string") {
    throw new TypeError(
      "[@octokit/webhooks-methods] eventPayload must be a string"
    );
  }
  const signatureBuffer = Buffer2.from(signature);
  const verificationBuffer = Buffer2.from(await sign(secret, eventPayload));
  if (signatureBuffer.length !== verificationBuffer.length) {
    return false;
  }
  return timingSafeEqual(signatureBuffer, verificationBuffer);
}
verify.VERSION = VERSION6;
async function verifyWithFallback(secret, payload, signature, additionalSecrets) {
  const firstPass = await verify(secret, payload, signature);
  if (firstPass) {
    return true;
  }
  if (additionalSecrets !== void 0) {
    for (const s of additionalSecrets) {
      const v = await verify(s, payload, signature);
      if (v) {
        return v;
      }
    }
  }
  return false;
}

// node_modules/@octokit/webhooks/dist-bundle/index.js
var createLogger2 = (logger = {}) => {
  if (typeof logger.debug !== "function") {
    logger.debug = () => {
    };
  }
  if (typeof logger.info !== "function") {
    logger.info = () => {
    };
  }
  if (typeof logger.warn !== "function") {
    logger.warn = console.warn.bind(console);
  }
  if (typeof logger.error !== "function") {
    logger.error = console.error.bind(console);
  }
  return logger;
};
var emitterEventNames = [
  "branch_protection_configuration",
  "branch_protection_configuration.disabled",
  "branch_protection_configuration.enabled",
  "branch_protection_rule",
  "branch_protection_rule.created",
  "branch_protection_rule.deleted",
  "branch_protection_rule.edited",
  "check_run",
  "check_run.completed",
  "check_run.created",
  "check_run.requested_action",
  "check_run.rerequested",
  "check_suite",
  "check_suite.completed",
  "check_suite.requested",
  "check_suite.rerequested",
  "code_scanning_alert",
  "code_scanning_alert.appeared_in_branch",
  "code_scanning_alert.closed_by_user",
  "code_scanning_alert.created",
  "code_scanning_alert.fixed",
  "code_scanning_alert.reopened",
  "code_scanning_alert.reopened_by_user",
  "commit_comment",
  "commit_comment.created",
  "create",
  "custom_property",
  "custom_property.created",
  "custom_property.deleted",
  "custom_property.promote_to_enterprise",
  "custom_property.updated",
  "custom_property_values",
  "custom_property_values.updated",
  "delete",
  "dependabot_alert",
  "dependabot_alert.auto_dismissed",
  "dependabot_alert.auto_reopened",
  "dependabot_alert.created",
  "dependabot_alert.dismissed",
  "dependabot_alert.fixed",
  "dependabot_alert.reintroduced",
  "dependabot_alert.reopened",
  "deploy_key",
  "deploy_key.created",
  "deploy_key.deleted",
  "deployment",
  "deployment.created",
  "deployment_protection_rule",
  "deployment_protection_rule.requested",
  "deployment_review",
  "deployment_review.approved",
  "deployment_review.rejected",
  "deployment_review.requested",
  "deployment_status",
  "deployment_status.created",
  "discussion",
  "discussion.answered",
  "discussion.category_changed",
  "discussion.closed",
  "discussion.created",
  "discussion.deleted",
  "discussion.edited",
  "discussion.labeled",
  "discussion.locked",
  "discussion.pinned",
  "discussion.reopened",
  "discussion.transferred",
  "discussion.unanswered",
  "discussion.unlabeled",
  "discussion.unlocked",
  "discussion.unpinned",
  "discussion_comment",
  "discussion_comment.created",
  "discussion_comment.deleted",
  "discussion_comment.edited",
  "fork",
  "github_app_authorization",
  "github_app_authorization.revoked",
  "gollum",
  "installation",
  "installation.created",
  "installation.deleted",
  "installation.new_permissions_accepted",
  "installation.suspend",
  "installation.unsuspend",
  "installation_repositories",
  "installation_repositories.added",
  "installation_repositories.removed",
  "installation_target",
  "installation_target.renamed",
  "issue_comment",
  "issue_comment.created",
  "issue_comment.deleted",
  "issue_comment.edited",
  "issue_dependencies",
  "issue_dependencies.blocked_by_added",
  "issue_dependencies.blocked_by_removed",
  "issue_dependencies.blocking_added",
  "issue_dependencies.blocking_removed",
  "issues",
  "issues.assigned",
  "issues.closed",
  "issues.deleted",
  "issues.demilestoned",
  "issues.edited",
  "issues.labeled",
  "issues.locked",
  "issues.milestoned",
  "issues.opened",
  "issues.pinned",
  "issues.reopened",
  "issues.transferred",
  "issues.typed",
  "issues.unassigned",
  "issues.unlabeled",
  "issues.unlocked",
  "issues.unpinned",
  "issues.untyped",
  "label",
  "label.created",
  "label.deleted",
  "label.edited",
  "marketplace_purchase",
  "marketplace_purchase.cancelled",
  "marketplace_purchase.changed",
  "marketplace_purchase.pending_change",
  "marketplace_purchase.pending_change_cancelled",
  "marketplace_purchase.purchased",
  "member",
  "member.added",
  "member.edited",
  "member.removed",
  "membership",
  "membership.added",
  "membership.removed",
  "merge_group",
  "merge_group.checks_requested",
  "merge_group.destroyed",
  "meta",
  "meta.deleted",
  "milestone",
  "milestone.closed",
  "milestone.created",
  "milestone.deleted",
  "milestone.edited",
  "milestone.opened",
  "org_block",
  "org_block.blocked",
  "org_block.unblocked",
  "organization",
  "organization.deleted",
  "organization.member_added",
  "organization.member_invited",
  "organization.member_removed",
  "organization.renamed",
  "package",
  "package.published",
  "package.updated",
  "page_build",
  "personal_access_token_request",
  "personal_access_token_request.approved",
  "personal_access_token_request.cancelled",
  "personal_access_token_request.created",
  "personal_access_token_request.denied",
  "ping",
  "project",
  "project.closed",
  "project.created",
  "project.deleted",
  "project.edited",
  "project.reopened",
  "project_card",
  "project_card.converted",
  "project_card.created",
  "project_card.deleted",
  "project_card.edited",
  "project_card.moved",
  "project_column",
  "project_column.created",
  "project_column.deleted",
  "project_column.edited",
  "project_column.moved",
  "projects_v2",
  "projects_v2.closed",
  "projects_v2.created",
  "projects_v2.deleted",
  "projects_v2.edited",
  "projects_v2.reopened",
  "projects_v2_item",
  "projects_v2_item.archived",
  "projects_v2_item.converted",
  "projects_v2_item.created",
  "projects_v2_item.deleted",
  "projects_v2_item.edited",
  "projects_v2_item.reordered",
  "projects_v2_item.restored",
  "projects_v2_status_update",
  "projects_v2_status_update.created",
  "projects_v2_status_update.deleted",
  "projects_v2_status_update.edited",
  "public",
  "pull_request",
  "pull_request.assigned",
  "pull_request.auto_merge_disabled",
  "pull_request.auto_merge_enabled",
  "pull_request.closed",
  "pull_request.converted_to_draft",
  "pull_request.demilestoned",
  "pull_request.dequeued",
  "pull_request.edited",
  "pull_request.enqueued",
  "pull_request.labeled",
  "pull_request.locked",
  "pull_request.milestoned",
  "pull_request.opened",
  "pull_request.ready_for_review",
  "pull_request.reopened",
  "pull_request.review_request_removed",
  "pull_request.review_requested",
  "pull_request.synchronize",
  "pull_request.unassigned",
  "pull_request.unlabeled",
  "pull_request.unlocked",
  "pull_request_review",
  "pull_request_review.dismissed",
  "pull_request_review.edited",
  "pull_request_review.submitted",
  "pull_request_review_comment",
  "pull_request_review_comment.created",
  "pull_request_review_comment.deleted",
  "pull_request_review_comment.edited",
  "pull_request_review_thread",
  "pull_request_review_thread.resolved",
  "pull_request_review_thread.unresolved",
  "push",
  "registry_package",
  "registry_package.published",
  "registry_package.updated",
  "release",
  "release.created",
  "release.deleted",
  "release.edited",
  "release.prereleased",
  "release.published",
  "release.released",
  "release.unpublished",
  "repository",
  "repository.archived",
  "repository.created",
  "repository.deleted",
  "repository.edited",
  "repository.privatized",
  "repository.publicized",
  "repository.renamed",
  "repository.transferred",
  "repository.unarchived",
  "repository_advisory",
  "repository_advisory.published",
  "repository_advisory.reported",
  "repository_dispatch",
  "repository_dispatch.sample.collected",
  "repository_import",
  "repository_ruleset",
  "repository_ruleset.created",
  "repository_ruleset.deleted",
  "repository_ruleset.edited",
  "repository_vulnerability_alert",
  "repository_vulnerability_alert.create",
  "repository_vulnerability_alert.dismiss",
  "repository_vulnerability_alert.reopen",
  "repository_vulnerability_alert.resolve",
  "secret_scanning_alert",
  "secret_scanning_alert.assigned",
  "secret_scanning_alert.created",
  "secret_scanning_alert.publicly_leaked",
  "secret_scanning_alert.reopened",
  "secret_scanning_alert.resolved",
  "secret_scanning_alert.unassigned",
  "secret_scanning_alert.validated",
  "secret_scanning_alert_location",
  "secret_scanning_alert_location.created",
  "secret_scanning_scan",
  "secret_scanning_scan.completed",
  "security_advisory",
  "security_advisory.published",
  "security_advisory.updated",
  "security_advisory.withdrawn",
  "security_and_analysis",
  "sponsorship",
  "sponsorship.cancelled",
  "sponsorship.created",
  "sponsorship.edited",
  "sponsorship.pending_cancellation",
  "sponsorship.pending_tier_change",
  "sponsorship.tier_changed",
  "star",
  "star.created",
  "star.deleted",
  "status",
  "sub_issues",
  "sub_issues.parent_issue_added",
  "sub_issues.parent_issue_removed",
  "sub_issues.sub_issue_added",
  "sub_issues.sub_issue_removed",
  "team",
  "team.added_to_repository",
  "team.created",
  "team.deleted",
  "team.edited",
  "team.removed_from_repository",
  "team_add",
  "watch",
  "watch.started",
  "workflow_dispatch",
  "workflow_job",
  "workflow_job.completed",
  "workflow_job.in_progress",
  "workflow_job.queued",
  "workflow_job.waiting",
  "workflow_run",
  "workflow_run.completed",
  "workflow_run.in_progress",
  "workflow_run.requested"
];
function validateEventName(eventName, options = {}) {
  if (typeof eventName !== "string") {
    throw new TypeError("eventName must be of type string");
  }
  if (eventName === "*") {
    throw new TypeError(
      `Using the "*" event with the regular Webhooks.on() function is not supported. Please use the Webhooks.onAny() method instead`
    );
  }
  if (eventName === "error") {
    throw new TypeError(
      `Using the "error" event with the regular Webhooks.on() function is not supported. Please use the Webhooks.onError() method instead`
    );
  }
  if (options.onUnknownEventName === "ignore") {
    return;
  }
  if (!emitterEventNames.includes(eventName)) {
    if (options.onUnknownEventName !== "warn") {
      throw new TypeError(
        `"${eventName}" is not a known webhook name (https://developer.github.com/v3/activity/events/types/)`
      );
    } else {
      (options.log || console).warn(
        `"${eventName}" is not a known webhook name (https://developer.github.com/v3/activity/events/types/)`
      );
    }
  }
}
function handleEventHandlers(state, webhookName, handler) {
  if (!state.hooks[webhookName]) {
    state.hooks[webhookName] = [];
  }
  state.hooks[webhookName].push(handler);
}
function receiverOn(state, webhookNameOrNames, handler) {
  if (Array.isArray(webhookNameOrNames)) {
    webhookNameOrNames.forEach(
      (webhookName) => receiverOn(state, webhookName, handler)
    );
    return;
  }
  validateEventName(webhookNameOrNames, {
    onUnknownEventName: "warn",
    log: state.log
  });
  handleEventHandlers(state, webhookNameOrNames, handler);
}
function receiverOnAny(state, handler) {
  handleEventHandlers(state, "*", handler);
}
function receiverOnError(state, handler) {
  handleEventHandlers(state, "error", handler);
}
function wrapErrorHandler(handler, error) {
  let returnValue;
  try {
    returnValue = handler(error);
  } catch (error2) {
    console.log('FATAL: Error occurred in "error" event handler');
    console.log(error2);
  }
  if (returnValue && returnValue.catch) {
    returnValue.catch((error2) => {
      console.log('FATAL: Error occurred in "error" event handler');
      console.log(error2);
    });
  }
}
function getHooks(state, eventPayloadAction, eventName) {
  const hooks = [state.hooks[eventName], state.hooks["*"]];
  if (eventPayloadAction) {
    hooks.unshift(state.hooks[`${eventName}.${eventPayloadAction}`]);
  }
  return [].concat(...hooks.filter(Boolean));
}
function receiverHandle(state, event) {
  const errorHandlers = state.hooks.error || [];
  if (event instanceof Error) {
    const error = Object.assign(new AggregateError([event], event.message), {
      event
    });
    errorHandlers.forEach((handler) => wrapErrorHandler(handler, error));
    return Promise.reject(error);
  }
  if (!event || !event.name) {
    const error = new Error("Event name not passed");
    throw new AggregateError([error], error.message);
  }
  if (!event.payload) {
    const error = new Error("Event name not passed");
    throw new AggregateError([error], error.message);
  }
  const hooks = getHooks(
    state,
    "action" in event.payload ? event.payload.action : null,
    event.name
  );
  if (hooks.length === 0) {
    return Promise.resolve();
  }
  const errors = [];
  const promises = hooks.map((handler) => {
    let promise = Promise.resolve(event);
    if (state.transform) {
      promise = promise.then(state.transform);
    }
    return promise.then((event2) => {
      return handler(event2);
    }).catch((error) => errors.push(Object.assign(error, { event })));
  });
  return Promise.all(promises).then(() => {
    if (errors.length === 0) {
      return;
    }
    const error = new AggregateError(
      errors,
      errors.map((error2) => error2.message).join("\n")
    );
    Object.assign(error, {
      event
    });
    errorHandlers.forEach((handler) => wrapErrorHandler(handler, error));
    throw error;
  });
}
function removeListener(state, webhookNameOrNames, handler) {
  if (Array.isArray(webhookNameOrNames)) {
    webhookNameOrNames.forEach(
      (webhookName) => removeListener(state, webhookName, handler)
    );
    return;
  }
  if (!state.hooks[webhookNameOrNames]) {
    return;
  }
  for (let i = state.hooks[webhookNameOrNames].length - 1; i >= 0; i--) {
    if (state.hooks[webhookNameOrNames][i] === handler) {
      state.hooks[webhookNameOrNames].splice(i, 1);
      return;
    }
  }
}
function createEventHandler(options) {
  const state = {
    hooks: {},
    log: createLogger2(options && options.log)
  };
  if (options && options.transform) {
    state.transform = options.transform;
  }
  return {
    on: receiverOn.bind(null, state),
    onAny: receiverOnAny.bind(null, state),
    onError: receiverOnError.bind(null, state),
    removeListener: removeListener.bind(null, state),
    receive: receiverHandle.bind(null, state)
  };
}
async function verifyAndReceive(state, event) {
  const matchesSignature = await verifyWithFallback(
    state.secret,
    event.payload,
    event.signature,
    state.additionalSecrets
  ).catch(() => false);
  if (!matchesSignature) {
    const error = new Error(
      "[@octokit/webhooks] signature does not match event payload and secret"
    );
    error.event = event;
    error.status = 400;
    return state.eventHandler.receive(error);
  }
  let payload;
  try {
    payload = JSON.parse(event.payload);
  } catch (error) {
    error.message = "Invalid JSON";
    error.status = 400;
    throw new AggregateError([error], error.message);
  }
  return state.eventHandler.receive({
    id: event.id,
    name: event.name,
    payload
  });
}
function normalizeTrailingSlashes(path) {
  let i = path.length;
  if (i === 0) {
    return "/";
  }
  while (i > 0) {
    if (path.charCodeAt(--i) !== 47) {
      break;
    }
  }
  if (i === -1) {
    return "/";
  }
  return path.slice(0, i + 1);
}
var isApplicationJsonRE = /^\s*(application\/json)\s*(?:;|$)/u;
var WEBHOOK_HEADERS = [
  "x-github-event",
  "x-hub-signature-256",
  "x-github-delivery"
];
function createMiddleware(options) {
  const { handleResponse: handleResponse3, getRequestHeader: getRequestHeader3, getPayload: getPayload3 } = options;
  return function middleware(webhooks, options2) {
    const middlewarePath = normalizeTrailingSlashes(options2.path);
    return async function octokitWebhooksMiddleware(request3, response, next) {
      let pathname;
      try {
        pathname = new URL(
          normalizeTrailingSlashes(request3.url),
          "http://localhost"
        ).pathname;
      } catch (error) {
        return handleResponse3(
          JSON.stringify({
            error: `Request URL could not be parsed: ${request3.url}`
          }),
          422,
          {
            "content-type": "application/json"
          },
          response
        );
      }
      if (pathname !== middlewarePath) {
        next?.();
        return handleResponse3(null);
      } else if (request3.method !== "POST") {
        return handleResponse3(
          JSON.stringify({
            error: `Unknown route: ${request3.method} ${pathname}`
          }),
          404,
          {
            "content-type": "application/json"
          },
          response
        );
      }
      const contentType = getRequestHeader3(request3, "content-type");
      if (typeof contentType !== "string" || !isApplicationJsonRE.test(contentType)) {
        return handleResponse3(
          JSON.stringify({
            error: `Unsupported "Content-Type" header value. Must be "application/json"`
          }),
          415,
          {
            "content-type": "application/json",
            accept: "application/json"
          },
          response
        );
      }
      const missingHeaders = WEBHOOK_HEADERS.filter((header2) => {
        return getRequestHeader3(request3, header2) == void 0;
      }).join(", ");
      if (missingHeaders) {
        return handleResponse3(
          JSON.stringify({
            error: `Required headers missing: ${missingHeaders}`
          }),
          400,
          {
            "content-type": "application/json",
            accept: "application/json"
          },
          response
        );
      }
      const eventName = getRequestHeader3(
        request3,
        "x-github-event"
      );
      const signature = getRequestHeader3(request3, "x-hub-signature-256");
      const id = getRequestHeader3(request3, "x-github-delivery");
      options2.log.debug(`${eventName} event received (id: ${id})`);
      let didTimeout = false;
      let timeout;
      const timeoutPromise = new Promise((resolve) => {
        timeout = setTimeout(() => {
          didTimeout = true;
          resolve(
            handleResponse3(
              "still processing\n",
              202,
              {
                "Content-Type": "text/plain",
                accept: "application/json"
              },
              response
            )
          );
        }, options2.timeout);
      });
      const processWebhook = async () => {
        try {
          const payload = await getPayload3(request3);
          await webhooks.verifyAndReceive({
            id,
            name: eventName,
            payload,
            signature
          });
          clearTimeout(timeout);
          if (didTimeout) return handleResponse3(null);
          return handleResponse3(
            "ok\n",
            200,
            {
              "content-type": "text/plain",
              accept: "application/json"
            },
            response
          );
        } catch (error) {
          clearTimeout(timeout);
          if (didTimeout) return handleResponse3(null);
          const err = Array.from(error.errors)[0];
          const errorMessage = err.message ? `${err.name}: ${err.message}` : "Error: An Unspecified error occurred";
          const statusCode = typeof err.status !== "undefined" ? err.status : 500;
          options2.log.error(error);
          return handleResponse3(
            JSON.stringify({
              error: errorMessage
            }),
            statusCode,
            {
              "content-type": "application/json",
              accept: "application/json"
            },
            response
          );
        }
      };
      return await Promise.race([timeoutPromise, processWebhook()]);
    };
  };
}
function handleResponse(body, status = 200, headers = {}, response) {
  if (body === null) {
    return false;
  }
  headers["content-length"] = body.length.toString();
  response.writeHead(status, headers).end(body);
  return true;
}
function getRequestHeader(request3, key) {
  return request3.headers[key];
}
function concatUint8Array(data) {
  if (data.length === 0) {
    return new Uint8Array(0);
  }
  let totalLength = 0;
  for (let i = 0; i < data.length; i++) {
    totalLength += data[i].length;
  }
  if (totalLength === 0) {
    return new Uint8Array(0);
  }
  const result = new Uint8Array(totalLength);
  let offset = 0;
  for (let i = 0; i < data.length; i++) {
    result.set(data[i], offset);
    offset += data[i].length;
  }
  return result;
}
var textDecoder = new TextDecoder("utf-8", { fatal: false });
var decode = textDecoder.decode.bind(textDecoder);
async function getPayload(request3) {
  if (typeof request3.body === "object" && "rawBody" in request3 && request3.rawBody instanceof Uint8Array) {
    return decode(request3.rawBody);
  } else if (typeof request3.body === "string") {
    return request3.body;
  }
  const payload = await getPayloadFromRequestStream(request3);
  return decode(payload);
}
function getPayloadFromRequestStream(request3) {
  return new Promise((resolve, reject) => {
    let data = [];
    request3.on(
      "error",
      (error) => reject(new AggregateError([error], error.message))
    );
    request3.on("data", data.push.bind(data));
    request3.on("end", () => {
      const result = concatUint8Array(data);
      queueMicrotask(() => resolve(result));
    });
  });
}
function createNodeMiddleware(webhooks, {
  path = "/api/github/webhooks",
  log = createLogger2(),
  timeout = 9e3
} = {}) {
  return createMiddleware({
    handleResponse,
    getRequestHeader,
    getPayload
  })(webhooks, {
    path,
    log,
    timeout
  });
}
var Webhooks = class {
  sign;
  verify;
  on;
  onAny;
  onError;
  removeListener;
  receive;
  verifyAndReceive;
  constructor(options) {
    if (!options || !options.secret) {
      throw new Error("[@octokit/webhooks] options.secret required");
    }
    const state = {
      eventHandler: createEventHandler(options),
      secret: options.secret,
      additionalSecrets: options.additionalSecrets,
      hooks: {},
      log: createLogger2(options.log)
    };
    this.sign = sign.bind(null, options.secret);
    this.verify = verify.bind(null, options.secret);
    this.on = state.eventHandler.on;
    this.onAny = state.eventHandler.onAny;
    this.onError = state.eventHandler.onError;
    this.removeListener = state.eventHandler.removeListener;
    this.receive = state.eventHandler.receive;
    this.verifyAndReceive = verifyAndReceive.bind(null, state);
  }
};

// src/entrypoints/server/server.ts
var ROUTES = { webhooks: "/api/github/webhooks", health: "/healthz", metrics: "/metrics" };
async function startServer(options) {
  const { queue, logger, metrics } = options;
  const pool = new WorkerPool({
    queue,
    handle: options.handle,
    concurrency: options.concurrency,
    ...options.isPermanent ? { isPermanent: options.isPermanent } : {},
    onEvent: (e) => onWorkerEvent(e, logger, metrics)
  });
  const receipts = new AsyncLocalStorage();
  const webhooks = new Webhooks({
    secret: options.webhookSecret,
    ...options.previousWebhookSecrets?.length ? { additionalSecrets: [...options.previousWebhookSecrets] } : {}
  });
  const enqueuer = new BatchingEnqueuer(queue);
  webhooks.onAny(async ({ id, name, payload }) => {
    const receipt = receipts.getStore();
    if (!isWork(name, payload)) {
      if (receipt) receipt.outcome = "ignored";
      return;
    }
    const result = await enqueuer.enqueue({ id, event: name, payload: receipt?.body ?? JSON.stringify(payload) });
    if (receipt) receipt.outcome = result;
    if (result !== "duplicate") setImmediate(() => pool.notify());
  });
  const middleware = createNodeMiddleware(webhooks, {
    path: ROUTES.webhooks,
    timeout: 3e5,
    log: { debug: () => {
    }, info: () => {
    }, warn: () => {
    }, error: () => {
    } }
  });
  let stopping = false;
  const server = createServer((req, res) => {
    void route(req, res).catch((e) => {
      logger.error("request failed", { error: e });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.headersTimeout = 1e4;
  server.requestTimeout = 3e4;
  server.keepAliveTimeout = 5e3;
  async function route(req, res) {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === ROUTES.health) {
      const body = { status: stopping ? "stopping" : "ok", queue: queue.counts(), inFlight: pool.inFlight };
      return send(res, stopping ? 503 : 200, "application/json", JSON.stringify(body));
    }
    if (req.method === "GET" && path === ROUTES.metrics) {
      return send(res, 200, "text/plain; version=0.0.4", metrics.render(queue.counts(), pool.inFlight));
    }
    if (path?.replace(/\/+$/, "") !== ROUTES.webhooks)
      return send(res, 404, "application/json", '{"error":"Not found"}');
    return receive(req, res);
  }
  async function receive(req, res) {
    const started = performance.now();
    const deliveryId = header(req, "x-github-delivery");
    const event = header(req, "x-github-event");
    let receipt = { body: "", outcome: void 0 };
    res.on("finish", () => {
      const ms = performance.now() - started;
      metrics.ackSeconds.observe(ms / 1e3);
      const outcome = res.statusCode >= 300 ? res.statusCode === 413 ? "too_large" : rejected(res.statusCode) : receipt.outcome;
      metrics.deliveries.inc({ event: eventLabel(event), outcome: outcome ?? "unknown" });
      const fields = { delivery: deliveryId, event, status: res.statusCode, outcome, ms: Math.round(ms * 10) / 10 };
      if (res.statusCode >= 500) logger.error("delivery not acknowledged", fields);
      else if (res.statusCode >= 300) logger.warn("delivery refused", fields);
      else logger.info("delivery acknowledged", fields);
    });
    if (stopping) return send(res, 503, "application/json", '{"error":"Shutting down; redeliver later."}');
    const body = await readBody(req, options.maxBodyBytes);
    if (body === void 0) {
      res.setHeader("connection", "close");
      return send(res, 413, "application/json", `{"error":"Payload larger than ${options.maxBodyBytes} bytes."}`);
    }
    req.body = body;
    receipt = { body, outcome: void 0 };
    await receipts.run(receipt, () => middleware(req, res));
  }
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  pool.start();
  const pruning = setInterval(() => queue.prune(), 36e5);
  pruning.unref();
  const port = server.address().port;
  const url = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}`;
  logger.info("listening", { port, routes: Object.values(ROUTES) });
  let closing;
  return {
    url,
    port,
    pool,
    close() {
      closing ??= (async () => {
        stopping = true;
        clearInterval(pruning);
        logger.info("shutting down", { inFlight: pool.inFlight });
        const closed = new Promise((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await closed;
        await pool.stop(options.shutdownGraceInMs ?? 2e4);
        queue.close();
        logger.info("stopped");
      })();
      return closing;
    }
  };
}
function readBody(req, limit) {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(void 0);
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        resolve(void 0);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
  });
}
function send(res, status, type, body) {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) }).end(body);
}
function header(req, name) {
  const v = req.headers[name];
  return typeof v === "string" ? v.slice(0, 100) : void 0;
}
function rejected(status) {
  if (status === 400 || status === 401) return "rejected";
  if (status >= 500) return "error";
  return `http_${status}`;
}
function onWorkerEvent(e, logger, metrics) {
  const fields = { delivery: e.delivery.id, event: e.delivery.event, attempt: e.delivery.attempt };
  const event = eventLabel(e.delivery.event);
  switch (e.type) {
    case "start":
      return;
    case "done":
      metrics.processed.inc({ event, outcome: e.outcome });
      metrics.processSeconds.observe(e.ms / 1e3);
      logger.info("processed", { ...fields, outcome: e.outcome, ms: Math.round(e.ms) });
      return;
    case "retry":
      metrics.processed.inc({ event, outcome: "retry" });
      metrics.failures.inc({ stage: "process" });
      metrics.processSeconds.observe(e.ms / 1e3);
      logger.warn("processing failed; will retry", { ...fields, error: e.error, retryInMs: e.delayInMs });
      return;
    case "dead":
      metrics.processed.inc({ event, outcome: "dead" });
      metrics.failures.inc({ stage: "process" });
      logger.error("processing failed; delivery dead-lettered (redeliver it from GitHub once fixed)", {
        ...fields,
        error: e.error
      });
      return;
    case "released":
      logger.info("returned to the queue for the next start", fields);
      return;
    case "error":
      metrics.failures.inc({ stage: "queue" });
      logger.error("the queue failed to record a result", { ...fields, error: e.error });
      return;
  }
}

// src/entrypoints/server/run.ts
async function startService(settings, overrides = {}) {
  const config = await serviceConfig(settings);
  const engine = createEngine({ config });
  const logger = createLogger({ engine, ...overrides.write ? { write: overrides.write } : {} });
  const metrics = new Metrics();
  const clients = overrides.clients ?? createGitHubClients(settings.github, { baseUrl: settings.apiUrl, log: (line) => logger.warn(line) });
  const responder = overrides.responder ?? createRemediationResponder({
    config,
    engine,
    secretStore: overrides.secretStore ?? keyVaultStores(),
    dryRun: settings.dryRun,
    serverUrl: settings.serverUrl,
    ...settings.issueRepository ? { issueRepository: settings.issueRepository } : {}
  });
  const queue = DeliveryQueue.open({ ...overrides.queue, dir: settings.dataDir, maxAttempts: settings.maxAttempts });
  const pruned = queue.prune();
  logger.info("starting leakstop serve", {
    version: VERSION,
    dataDir: settings.dataDir,
    queue: queue.counts(),
    pruned,
    vaults: config.vaults.map((v) => v.url),
    github: settings.github.kind === "app" ? `app ${settings.github.appId}` : "token",
    apiUrl: settings.apiUrl,
    dryRun: settings.dryRun,
    concurrency: settings.concurrency
  });
  if (config.vaults.length === 0 && !overrides.responder)
    logger.warn("no vault configured: leaks get issues, nothing is rotated");
  try {
    const server = await startServer({
      port: settings.port,
      ...overrides.host ? { host: overrides.host } : {},
      webhookSecret: settings.webhookSecret,
      previousWebhookSecrets: settings.previousWebhookSecrets,
      maxBodyBytes: settings.maxBodyBytes,
      queue,
      handle: createDeliveryHandler({ clients, engine, responder, metrics, dryRun: settings.dryRun }, logger),
      isPermanent,
      concurrency: settings.concurrency,
      logger,
      metrics,
      ...overrides.shutdownGraceInMs !== void 0 ? { shutdownGraceInMs: overrides.shutdownGraceInMs } : {}
    });
    return { ...server, close: () => server.close(), logger, metrics };
  } catch (e) {
    queue.close();
    throw e;
  }
}
async function runServe(settings) {
  const service = await startService(settings);
  const signal = await new Promise((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  service.logger.info("signal received", { signal });
  await service.close();
  return 0;
}
async function serviceConfig(settings) {
  const base = settings.configFile ? (await loadConfig(dirname(settings.configFile), settings.configFile)).config : defaultConfig();
  const known = new Set(base.vaults.map((v) => v.url.replace(/\/+$/, "")));
  const added = settings.vaultUrls.filter((u) => !known.has(u.replace(/\/+$/, ""))).map((url) => ({ url }));
  return { ...base, vaults: [...base.vaults, ...added] };
}
function keyVaultStores() {
  const credential = createKeyVaultCredential();
  const stores = /* @__PURE__ */ new Map();
  return (vaultUrl) => {
    let store = stores.get(vaultUrl);
    if (!store) {
      store = createKeyVaultStore(vaultUrl, { credential });
      stores.set(vaultUrl, store);
    }
    return store;
  };
}
export {
  runServe,
  startService
};
/*! For license information please see run-PQDVNSKO.js.LEGAL.txt */
