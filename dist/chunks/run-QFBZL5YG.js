import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);
import {
  createGitHubIssueTracker,
  createProviderRotators
} from "./chunk-HF6PWUH3.js";
import {
  authorize,
  writeStoredApp
} from "./chunk-XE3YJAXZ.js";
import {
  respond
} from "./chunk-66727ZHJ.js";
import {
  commitFragments,
  dropMergeRepeats,
  listCommits
} from "./chunk-5N7UZUD3.js";
import {
  RequestError,
  createGitHubClient,
  getUserAgent,
  request
} from "./chunk-D6SSQLDC.js";
import {
  confirmFindings,
  parseFindingsRequest
} from "./chunk-6KZZB5MR.js";
import {
  createInspector
} from "./chunk-NIZ2PN2K.js";
import {
  createAzureStorageRotator
} from "./chunk-UVXPRIV7.js";
import {
  createKeyVaultCredential,
  createKeyVaultStore
} from "./chunk-YBGLGAFV.js";
import {
  PROVIDER_TAG
} from "./chunk-X3KWTAEG.js";
import "./chunk-TAPCOHX6.js";
import {
  planScan
} from "./chunk-CYVKHVSN.js";
import {
  codeSpan,
  escapeMarkdown,
  linkTarget,
  profileLink
} from "./chunk-YGYUY6RV.js";
import {
  pushApiTarget
} from "./chunk-NQH4J4PV.js";
import {
  FRAGMENT_WORKER_KIND
} from "./chunk-2E5VKKN7.js";
import {
  VERSION
} from "./chunk-JO2HMOSA.js";
import {
  loadConfig
} from "./chunk-XA6FP73F.js";
import "./chunk-7NS3LZMV.js";
import "./chunk-NBJZRDWZ.js";
import {
  createEngine,
  fingerprint
} from "./chunk-MFQ2N6OX.js";
import {
  MASK
} from "./chunk-AKAH6ETJ.js";
import "./chunk-NOSW7YIM.js";
import {
  defaultConfig
} from "./chunk-ZOEPK7DV.js";
import {
  __export
} from "./chunk-V43CEDMD.js";

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
function string2ArrayBuffer(str2) {
  const buf = new ArrayBuffer(str2.length);
  const bufView = new Uint8Array(buf);
  for (let i = 0, strLen = str2.length; i < strLen; i++) {
    bufView[i] = str2.charCodeAt(i);
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
async function get(cache2, options) {
  const cacheKey = optionsToCacheKey(options);
  const result = await cache2.get(cacheKey);
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
async function set(cache2, options, data) {
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
  await cache2.set(key, value);
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

// node_modules/jose/dist/webapi/lib/buffer_utils.js
var encoder = new TextEncoder();
var decoder = new TextDecoder();
var strictDecoder = new TextDecoder("utf-8", { fatal: true });
var UINT32_RANGE = 2 ** 32;
function concat(...buffers) {
  const size = buffers.reduce((acc, { length }) => acc + length, 0), buf = new Uint8Array(size);
  let i = 0;
  for (const buffer of buffers)
    buf.set(buffer, i), i += buffer.length;
  return buf;
}
var NON_ASCII = /[^\x00-\x7f]/;
function encode(string) {
  if (typeof string == "string" && string.length >= 128) {
    if (NON_ASCII.test(string))
      throw new TypeError("non-ASCII string encountered in encode()");
    return encoder.encode(string);
  }
  const bytes = new Uint8Array(string.length);
  for (let i = 0; i < string.length; i++) {
    const code = string.charCodeAt(i);
    if (code > 127)
      throw new TypeError("non-ASCII string encountered in encode()");
    bytes[i] = code;
  }
  return bytes;
}
function decodeBase64(encoded, url = false) {
  if (Uint8Array.fromBase64)
    return Uint8Array.fromBase64(encoded, { alphabet: url ? "base64url" : "base64" });
  if (url) {
    if (encoded.includes("+") || encoded.includes("/"))
      throw new TypeError("Invalid base64url");
    encoded = encoded.replace(/-/g, "+").replace(/_/g, "/");
  }
  const binary = atob(encoded), bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++)
    bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// node_modules/jose/dist/webapi/util/errors.js
var errors_exports = {};
__export(errors_exports, {
  JOSEAlgNotAllowed: () => JOSEAlgNotAllowed,
  JOSEError: () => JOSEError,
  JOSENotSupported: () => JOSENotSupported,
  JWEDecryptionFailed: () => JWEDecryptionFailed,
  JWEInvalid: () => JWEInvalid,
  JWKInvalid: () => JWKInvalid,
  JWKSInvalid: () => JWKSInvalid,
  JWKSMultipleMatchingKeys: () => JWKSMultipleMatchingKeys,
  JWKSNoMatchingKey: () => JWKSNoMatchingKey,
  JWKSTimeout: () => JWKSTimeout,
  JWSInvalid: () => JWSInvalid,
  JWSSignatureVerificationFailed: () => JWSSignatureVerificationFailed,
  JWTClaimValidationFailed: () => JWTClaimValidationFailed,
  JWTExpired: () => JWTExpired,
  JWTInvalid: () => JWTInvalid
});
var JOSEError = class extends Error {
  static code = "ERR_JOSE_GENERIC";
  code = "ERR_JOSE_GENERIC";
  constructor(message2, options) {
    super(message2, options), this.name = this.constructor.name, Error.captureStackTrace?.(this, this.constructor);
  }
};
var JWTClaimValidationFailed = class extends JOSEError {
  static code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  claim;
  reason;
  payload;
  constructor(message2, payload, claim = "unspecified", reason = "unspecified") {
    super(message2, { cause: { claim, reason, payload } }), this.claim = claim, this.reason = reason, this.payload = payload;
  }
};
var JWTExpired = class extends JOSEError {
  static code = "ERR_JWT_EXPIRED";
  code = "ERR_JWT_EXPIRED";
  claim;
  reason;
  payload;
  constructor(message2, payload, claim = "unspecified", reason = "unspecified") {
    super(message2, { cause: { claim, reason, payload } }), this.claim = claim, this.reason = reason, this.payload = payload;
  }
};
var JOSEAlgNotAllowed = class extends JOSEError {
  static code = "ERR_JOSE_ALG_NOT_ALLOWED";
  code = "ERR_JOSE_ALG_NOT_ALLOWED";
};
var JOSENotSupported = class extends JOSEError {
  static code = "ERR_JOSE_NOT_SUPPORTED";
  code = "ERR_JOSE_NOT_SUPPORTED";
};
var JWEDecryptionFailed = class extends JOSEError {
  static code = "ERR_JWE_DECRYPTION_FAILED";
  code = "ERR_JWE_DECRYPTION_FAILED";
  constructor(message2 = "decryption operation failed", options) {
    super(message2, options);
  }
};
var JWEInvalid = class extends JOSEError {
  static code = "ERR_JWE_INVALID";
  code = "ERR_JWE_INVALID";
};
var JWSInvalid = class extends JOSEError {
  static code = "ERR_JWS_INVALID";
  code = "ERR_JWS_INVALID";
};
var JWTInvalid = class extends JOSEError {
  static code = "ERR_JWT_INVALID";
  code = "ERR_JWT_INVALID";
};
var JWKInvalid = class extends JOSEError {
  static code = "ERR_JWK_INVALID";
  code = "ERR_JWK_INVALID";
};
var JWKSInvalid = class extends JOSEError {
  static code = "ERR_JWKS_INVALID";
  code = "ERR_JWKS_INVALID";
};
var JWKSNoMatchingKey = class extends JOSEError {
  static code = "ERR_JWKS_NO_MATCHING_KEY";
  code = "ERR_JWKS_NO_MATCHING_KEY";
  constructor(message2 = "no applicable key found in the JSON Web Key Set", options) {
    super(message2, options);
  }
};
var JWKSMultipleMatchingKeys = class extends JOSEError {
  [Symbol.asyncIterator] = async function* () {
  };
  static code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
  code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
  constructor(message2 = "multiple matching keys found in the JSON Web Key Set", options) {
    super(message2, options);
  }
};
var JWKSTimeout = class extends JOSEError {
  static code = "ERR_JWKS_TIMEOUT";
  code = "ERR_JWKS_TIMEOUT";
  constructor(message2 = "request timed out", options) {
    super(message2, options);
  }
};
var JWSSignatureVerificationFailed = class extends JOSEError {
  static code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  constructor(message2 = "signature verification failed", options) {
    super(message2, options);
  }
};

// node_modules/jose/dist/webapi/util/base64url.js
var invalid = "The input to be decoded is not correctly encoded.";
function decode(input) {
  try {
    return decodeBase64(typeof input == "string" ? input : decoder.decode(input), true);
  } catch (cause) {
    throw new TypeError(invalid, { cause });
  }
}

// node_modules/jose/dist/webapi/lib/validate.js
function isObject(input) {
  if (typeof input != "object" || input === null || Object.prototype.toString.call(input) !== "[object Object]")
    return false;
  const prototype = Object.getPrototypeOf(input);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
function isJwkSet(input) {
  return isObject(input) && Array.isArray(input.keys) && Array.from(input.keys).every(isObject);
}
function isDisjoint(...headers) {
  const parameters = /* @__PURE__ */ new Set();
  for (const header2 of headers)
    if (header2)
      for (const parameter of Object.keys(header2)) {
        if (parameters.has(parameter))
          return false;
        parameters.add(parameter);
      }
  return true;
}
function decodeBase64url(value, label, ErrorClass) {
  try {
    return decode(value);
  } catch (cause) {
    throw new ErrorClass(`Failed to base64url decode the ${label}`, { cause });
  }
}
function encodeAsciiMember(value, label, ErrorClass) {
  try {
    return encode(value);
  } catch (cause) {
    throw new ErrorClass(`The ${label} is not a valid base64url string`, { cause });
  }
}
function parseJoseHeader(encodedProtectedHeader, ErrorClass, message2) {
  let parsed;
  try {
    parsed = JSON.parse(strictDecoder.decode(decode(encodedProtectedHeader)));
  } catch (cause) {
    throw new ErrorClass(message2, { cause });
  }
  if (!isObject(parsed))
    throw new ErrorClass(message2);
  return parsed;
}
var JWS_RECOGNIZED = { __proto__: null, b64: true };
function validateAlgorithms(option, algorithms) {
  if (algorithms !== void 0 && (!Array.isArray(algorithms) || algorithms.some((s) => typeof s != "string")))
    throw new TypeError(`"${option}" option must be an array of strings`);
  return algorithms === void 0 ? void 0 : new Set(algorithms);
}
function validateCrit(Err, recognizedDefault, recognizedOption, protectedHeader, joseHeader) {
  if (joseHeader.crit !== void 0 && protectedHeader?.crit === void 0)
    throw new Err('"crit" (Critical) Header Parameter MUST be integrity protected');
  if (!protectedHeader || protectedHeader.crit === void 0)
    return [];
  if (!Array.isArray(protectedHeader.crit) || protectedHeader.crit.length === 0 || protectedHeader.crit.some((input) => typeof input != "string" || input.length === 0))
    throw new Err('"crit" (Critical) Header Parameter MUST be an array of non-empty strings when present');
  const recognized = recognizedOption === void 0 ? recognizedDefault : { __proto__: null, ...recognizedOption, ...recognizedDefault };
  for (const parameter of protectedHeader.crit) {
    if (!(parameter in recognized))
      throw new JOSENotSupported(`Extension Header Parameter "${parameter}" is not recognized`);
    if (!Object.hasOwn(joseHeader, parameter) || joseHeader[parameter] === void 0)
      throw new Err(`Extension Header Parameter "${parameter}" is missing`);
    if (recognized[parameter] && (!Object.hasOwn(protectedHeader, parameter) || protectedHeader[parameter] === void 0))
      throw new Err(`Extension Header Parameter "${parameter}" MUST be integrity protected`);
  }
  return protectedHeader.crit;
}
function validateB64(protectedHeader, extensions) {
  if (extensions.includes("b64")) {
    const b64 = protectedHeader.b64;
    if (typeof b64 != "boolean")
      throw new JWSInvalid('The "b64" (base64url-encode payload) Header Parameter must be a boolean');
    return b64;
  }
  return true;
}

// node_modules/jose/dist/webapi/lib/key.js
var tag = (key) => key[Symbol.toStringTag];
var jwkMatchesOp = (entry, key, usage) => {
  const { alg } = entry;
  if (key.use !== void 0) {
    const expected = usage === "sign" || usage === "verify" ? "sig" : "enc";
    if (key.use !== expected)
      throw new TypeError(`Invalid key for this operation, its "use" must be "${expected}" when present`);
  }
  if (key.kty === "AKP" && key.alg === void 0)
    throw new TypeError('missing "alg" (Algorithm) Parameter value');
  if (key.alg !== void 0 && key.alg !== alg)
    throw new TypeError(`Invalid key for this operation, its "alg" must be "${alg}" when present`);
  if (Array.isArray(key.key_ops)) {
    const expectedKeyOp = usage === "encrypt" || usage === "decrypt" ? entry.ops?.[usage === "encrypt" ? 0 : 1] : usage;
    if (expectedKeyOp && !key.key_ops.includes(expectedKeyOp))
      throw new TypeError(`Invalid key for this operation, its "key_ops" must include "${expectedKeyOp}" when present`);
  }
};
async function prepareKey(entry, key, usage) {
  const { alg, secret } = entry, requiresPrivateKey = usage === "decrypt" || usage === "sign";
  if (secret && key instanceof Uint8Array)
    return key;
  let normalized, keyObject;
  if (isObject(key)) {
    if (normalized = normalizeJwk(key), typeof normalized.kty != "string")
      throw invalidKeyType(alg, key, secret);
    if (!(secret ? normalized.kty === "oct" && typeof normalized.k == "string" : normalized.kty !== "oct" && (requiresPrivateKey ? normalized.kty === "AKP" && typeof normalized.priv == "string" || typeof normalized.d == "string" : normalized.d === void 0 && normalized.priv === void 0)))
      throw new TypeError(secret ? 'JSON Web Key for symmetric algorithms must have JWK "kty" (Key Type) equal to "oct" and the JWK "k" (Key Value) present' : `JSON Web Key for this operation must be a ${requiresPrivateKey ? "private" : "public"} JWK`);
    if (jwkMatchesOp(entry, normalized, usage), normalized.kty === "oct")
      return decode(normalized.k);
    if (!Object.isFrozen(key)) {
      const { key_ops } = key;
      Array.isArray(key_ops) && Object.freeze(key_ops), Object.freeze(key);
    }
  } else {
    if (!isKeyLike(key))
      throw invalidKeyType(alg, key, secret);
    const expectedType = secret ? "secret" : requiresPrivateKey ? "private" : "public";
    if (key.type !== expectedType && (secret || ["secret", "public", "private"].includes(key.type)))
      throw new TypeError(`${tag(key)} instances must be of type "${expectedType}" for the ${alg} algorithm`);
    if (isCryptoKey(key))
      return key;
    if (keyObject = key, keyObject.type === "secret")
      return keyObject.export();
  }
  cache ||= /* @__PURE__ */ new WeakMap();
  const cacheKey = key;
  let cached = cache.get(cacheKey);
  if (cached?.[alg])
    return cached[alg];
  if (cached || cache.set(cacheKey, cached = {}), keyObject && typeof keyObject.toCryptoKey == "function") {
    const isPublic = keyObject.type === "public", crv = nist[keyObject.asymmetricKeyDetails?.namedCurve], params = entry.resolve?.({ crv, asymmetricKeyType: keyObject.asymmetricKeyType }) ?? entry.subtle;
    return cached[alg] = keyObject.toCryptoKey(params, isPublic, entry.usages[isPublic ? 0 : 1]);
  }
  return normalized ??= keyObject.export({ format: "jwk" }), normalized.alg = alg, cached[alg] = await jwkToKey(entry, normalized);
}
var cache;
var nist = {
  __proto__: null,
  prime256v1: "P-256",
  secp384r1: "P-384",
  secp521r1: "P-521"
};
var isCryptoKey = (key) => {
  if (key?.[Symbol.toStringTag] === "CryptoKey")
    return true;
  try {
    return key instanceof CryptoKey;
  } catch {
    return false;
  }
};
var isKeyObject = (key) => key?.[Symbol.toStringTag] === "KeyObject";
var isKeyLike = (key) => isCryptoKey(key) || isKeyObject(key);
function message(msg, actual, ...types) {
  if (types.length > 2) {
    const last = types.pop();
    msg += `one of type ${types.join(", ")}, or ${last}.`;
  } else types.length === 2 ? msg += `one of type ${types[0]} or ${types[1]}.` : msg += `of type ${types[0]}.`;
  return actual == null ? msg += ` Received ${actual}` : typeof actual == "function" && actual.name ? msg += ` Received function ${actual.name}` : typeof actual == "object" && actual != null && actual.constructor?.name && (msg += ` Received an instance of ${actual.constructor.name}`), msg;
}
function invalidKeyType(alg, actual, secret) {
  const types = ["CryptoKey", "KeyObject", "JSON Web Key"];
  return secret && types.push("Uint8Array"), new TypeError(message(`Key for the ${alg} algorithm must be `, actual, ...types));
}
var unusable = (name, prop = "algorithm.name") => new TypeError(`CryptoKey does not support this operation, its ${prop} must be ${name}`);
function checkUsage(key, usage) {
  if (usage && !key.usages.includes(usage))
    throw new TypeError(`CryptoKey does not support this operation, its usages must include ${usage}.`);
}
function checkModulusLength(alg, key) {
  const { modulusLength } = key.algorithm;
  if (typeof modulusLength != "number" || modulusLength < 2048)
    throw new TypeError(`${alg} requires key modulusLength to be 2048 bits or larger`);
}
function checkCryptoKey(key, expected, usage) {
  const algorithm = key.algorithm;
  if (algorithm.name !== expected.name)
    throw unusable(expected.name);
  if (expected.hash && algorithm.hash?.name !== expected.hash)
    throw unusable(expected.hash, "algorithm.hash");
  if (expected.namedCurve && algorithm.namedCurve !== expected.namedCurve)
    throw unusable(expected.namedCurve, "algorithm.namedCurve");
  if (expected.length !== void 0 && algorithm.length !== expected.length)
    throw unusable(expected.length, "algorithm.length");
  checkUsage(key, usage);
}
function snapshotJwk(jwk) {
  return { __proto__: null, ...jwk };
}
function normalizeJwk(jwk) {
  const normalized = snapshotJwk(jwk);
  if (normalized.ext !== void 0 && typeof normalized.ext != "boolean")
    throw new TypeError('"ext" (Extractable) Parameter must be a boolean');
  if (normalized.key_ops !== void 0) {
    const value = normalized.key_ops, keyOps = Array.isArray(value) ? [...value] : void 0;
    if (!keyOps || keyOps.some((operation) => typeof operation != "string") || new Set(keyOps).size !== keyOps.length)
      throw new TypeError('"key_ops" (Key Operations) Parameter must be an array of unique strings');
    normalized.key_ops = keyOps;
  }
  return normalized;
}
async function jwkToKey(entry, jwk, extractable) {
  if (!entry.kty.includes(jwk.kty))
    throw new JOSENotSupported('Invalid or unsupported JWK "alg" (Algorithm) Parameter value');
  const algorithm = entry.resolve?.({ kty: jwk.kty, crv: jwk.crv }) ?? entry.subtle, isPrivate = !!(jwk.d || jwk.priv), keyData = { ...jwk, ext: extractable ?? jwk.ext };
  return keyData.kty !== "AKP" && delete keyData.alg, delete keyData.use, crypto.subtle.importKey("jwk", keyData, algorithm, keyData.ext ?? !isPrivate, jwk.key_ops ?? entry.usages[isPrivate ? 1 : 0]);
}
async function rawKey(key, expected, usage, extractable = false) {
  return key instanceof Uint8Array && (key = await crypto.subtle.importKey("raw", key, expected, extractable, [usage])), checkCryptoKey(key, expected, usage), key;
}

// node_modules/jose/dist/webapi/lib/key_descriptor.js
function table(entries) {
  const out = { __proto__: null };
  for (const alg in entries)
    out[alg] = { ...entries[alg], alg };
  return out;
}

// node_modules/jose/dist/webapi/lib/jws_algorithms.js
var sig = [["verify"], ["sign"]];
function hmac(bits) {
  const subtle2 = { name: "HMAC", hash: `SHA-${bits}` };
  return { kty: ["oct"], secret: true, subtle: subtle2, signing: subtle2, usages: sig };
}
function rsa(bits, saltLength) {
  const subtle2 = { name: saltLength ? "RSA-PSS" : "RSASSA-PKCS1-v1_5", hash: `SHA-${bits}` };
  return {
    kty: ["RSA"],
    subtle: subtle2,
    signing: saltLength ? { ...subtle2, saltLength } : subtle2,
    usages: sig,
    minRsaBits: 2048
  };
}
function ecdsa(crv, bits) {
  return {
    kty: ["EC"],
    crv,
    subtle: { name: "ECDSA", namedCurve: crv },
    signing: { name: "ECDSA", hash: `SHA-${bits}` },
    usages: sig
  };
}
function eddsa() {
  const subtle2 = { name: "Ed25519" };
  return {
    kty: ["OKP"],
    crv: "Ed25519",
    subtle: subtle2,
    signing: subtle2,
    usages: sig
  };
}
function mldsa(parameterSet) {
  const subtle2 = { name: `ML-DSA-${parameterSet}` };
  return {
    kty: ["AKP"],
    subtle: subtle2,
    signing: subtle2,
    usages: sig
  };
}
var JWS = table({
  HS256: hmac(256),
  HS384: hmac(384),
  HS512: hmac(512),
  RS256: rsa(256),
  RS384: rsa(384),
  RS512: rsa(512),
  PS256: rsa(256, 32),
  PS384: rsa(384, 48),
  PS512: rsa(512, 64),
  ES256: ecdsa("P-256", 256),
  ES384: ecdsa("P-384", 384),
  ES512: ecdsa("P-521", 512),
  EdDSA: eddsa(),
  Ed25519: eddsa(),
  "ML-DSA-44": mldsa(44),
  "ML-DSA-65": mldsa(65),
  "ML-DSA-87": mldsa(87)
});
function jwsAlgorithm(alg) {
  const entry = typeof alg == "string" ? JWS[alg] : void 0;
  if (!entry)
    throw new JOSENotSupported(`alg ${alg} is not supported either by JOSE or your javascript runtime`);
  return entry;
}

// node_modules/jose/dist/webapi/lib/jws_verify.js
function prepareVerify(options) {
  return [options && validateAlgorithms("algorithms", options.algorithms), options?.crit];
}
function parseProtectedHeader(encodedProtectedHeader) {
  return encodedProtectedHeader === void 0 ? {} : parseJoseHeader(encodedProtectedHeader, JWSInvalid, "JWS Protected Header is invalid");
}
function encodeCompactUnencodedPayload(payload) {
  try {
    return encode(payload);
  } catch (cause) {
    throw new JWSInvalid("JWS Compact Serialization payload must use only ASCII characters", {
      cause
    });
  }
}
async function verifySignature(jws, shared, key, encodeUnencodedPayload, parsedProtected) {
  const { protected: encodedProtectedHeader, header: header2, payload: inputPayload } = jws, protectedHeader = parsedProtected ?? parseProtectedHeader(encodedProtectedHeader);
  if (!isDisjoint(protectedHeader, header2))
    throw new JWSInvalid("JWS Protected and JWS Unprotected Header Parameter names must be disjoint");
  const joseHeader = { ...protectedHeader, ...header2 }, b64 = validateB64(protectedHeader, validateCrit(JWSInvalid, JWS_RECOGNIZED, shared[1], protectedHeader, joseHeader)), { alg } = joseHeader;
  if (typeof alg != "string" || !alg)
    throw new JWSInvalid('JWS "alg" (Algorithm) Header Parameter missing or invalid');
  if (shared[0] && !shared[0].has(alg))
    throw new JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
  if (b64) {
    if (typeof inputPayload != "string")
      throw new JWSInvalid("JWS Payload must be a string");
  } else if (typeof inputPayload != "string" && !(inputPayload instanceof Uint8Array))
    throw new JWSInvalid("JWS Payload must be a string or an Uint8Array instance");
  const signingPayload = b64 || typeof inputPayload != "string" ? inputPayload : encodeUnencodedPayload(inputPayload);
  let resolvedKey = false;
  typeof key == "function" && (key = await key(protectedHeader, jws), resolvedKey = true);
  const entry = jwsAlgorithm(alg), signingInput = concat(encodedProtectedHeader !== void 0 ? encode(encodedProtectedHeader) : new Uint8Array(), encode("."), typeof signingPayload == "string" ? shared[2] ??= encodeAsciiMember(signingPayload, "payload", JWSInvalid) : signingPayload), signature = decodeBase64url(jws.signature, "signature", JWSInvalid), verificationKey = await prepareKey(entry, key, "verify"), cryptoKey = await rawKey(verificationKey, entry.subtle, "verify");
  entry.minRsaBits && checkModulusLength(entry.alg, cryptoKey);
  let verified = false;
  try {
    verified = await crypto.subtle.verify(entry.signing, cryptoKey, signature, signingInput);
  } catch (cause) {
    throw new JWSSignatureVerificationFailed(void 0, { cause });
  }
  if (!verified)
    throw new JWSSignatureVerificationFailed();
  const result = { payload: typeof signingPayload == "string" ? decodeBase64url(signingPayload, "payload", JWSInvalid) : signingPayload };
  return encodedProtectedHeader !== void 0 && (result.protectedHeader = protectedHeader), header2 !== void 0 && (result.unprotectedHeader = header2), resolvedKey ? [{ ...result, key: verificationKey }, b64] : [result, b64];
}
async function verifyCompact(jws, shared, key) {
  if (jws instanceof Uint8Array && (jws = decoder.decode(jws)), typeof jws != "string")
    throw new JWSInvalid("Compact JWS must be a string or Uint8Array");
  const { 0: protectedHeader, 1: payload, 2: signature, length } = jws.split(".");
  if (length !== 3)
    throw new JWSInvalid("Invalid Compact JWS");
  return verifySignature({ payload, protected: protectedHeader, signature }, shared, key, encodeCompactUnencodedPayload);
}

// node_modules/jose/dist/webapi/lib/jwt_claims_set.js
var epoch = (date) => Math.floor(date.getTime() / 1e3);
var multipliers = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 31557600
};
var REGEX2 = /^(\+|\-)? ?(\d+|\d+\.\d+) ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)(?: (ago|from now))?$/i;
var checkFailed = "check_failed";
function invalidDuration() {
  throw new TypeError("Invalid time period format");
}
function secs(str2) {
  typeof str2 != "string" && invalidDuration();
  const matched = REGEX2.exec(str2);
  (!matched || matched[4] && matched[1]) && invalidDuration();
  const value = parseFloat(matched[2]), durationSeconds = Math.round(value * multipliers[matched[3][0].toLowerCase()]);
  return Number.isFinite(durationSeconds) || invalidDuration(), matched[1] === "-" || matched[4]?.toLowerCase() === "ago" ? -durationSeconds : durationSeconds;
}
function validateInput(label, input) {
  if (!Number.isFinite(input))
    throw new TypeError(`Invalid ${label} input`);
  return input;
}
var normalizeTyp = (value) => {
  const normalized = value.toLowerCase();
  return value.includes("/") ? normalized : `application/${normalized}`;
};
var checkAudiencePresence = (audPayload, audOption) => {
  if (typeof audOption == "string")
    audOption = [audOption];
  else if (!Array.isArray(audOption))
    return false;
  return typeof audPayload == "string" ? audOption.includes(audPayload) : Array.isArray(audPayload) ? audOption.some((aud) => typeof aud == "string" && audPayload.includes(aud)) : false;
};
function validateNumericDate(claimsSet, claim, required = false) {
  const value = claimsSet[claim];
  if (!(value === void 0 && !required)) {
    if (typeof value != "number")
      throw new JWTClaimValidationFailed(`"${claim}" claim must be a number`, claimsSet, claim, "invalid");
    return value;
  }
}
function unexpectedClaim(claimsSet, claim) {
  throw new JWTClaimValidationFailed(`unexpected "${claim}" claim value`, claimsSet, claim, checkFailed);
}
function validateClaimsSet(protectedHeader, claimsSetBytes, options = {}) {
  let claimsSet;
  try {
    claimsSet = JSON.parse(strictDecoder.decode(claimsSetBytes));
  } catch (cause) {
    throw new JWTInvalid("JWT Claims Set must be a top-level JSON object", { cause });
  }
  if (!isObject(claimsSet))
    throw new JWTInvalid("JWT Claims Set must be a top-level JSON object");
  const { typ } = options;
  if (typ !== void 0 && (typeof protectedHeader.typ != "string" || normalizeTyp(protectedHeader.typ) !== normalizeTyp(typ)))
    throw new JWTClaimValidationFailed('unexpected "typ" JWT header value', claimsSet, "typ", checkFailed);
  const { requiredClaims = [], issuer, subject, audience, maxTokenAge } = options, presenceCheck = [...requiredClaims];
  maxTokenAge !== void 0 && presenceCheck.push("iat"), audience !== void 0 && presenceCheck.push("aud"), subject !== void 0 && presenceCheck.push("sub"), issuer !== void 0 && presenceCheck.push("iss");
  for (const claim of new Set(presenceCheck.reverse()))
    if (!Object.hasOwn(claimsSet, claim))
      throw new JWTClaimValidationFailed(`missing required "${claim}" claim`, claimsSet, claim, "missing");
  issuer !== void 0 && !(Array.isArray(issuer) ? issuer : [issuer]).includes(claimsSet.iss) && unexpectedClaim(claimsSet, "iss"), subject !== void 0 && claimsSet.sub !== subject && unexpectedClaim(claimsSet, "sub"), audience !== void 0 && !checkAudiencePresence(claimsSet.aud, audience) && unexpectedClaim(claimsSet, "aud");
  const { clockTolerance } = options;
  let tolerance = 0;
  if (typeof clockTolerance == "string")
    tolerance = secs(clockTolerance);
  else if (clockTolerance !== void 0) {
    if (typeof clockTolerance != "number")
      throw new TypeError("Invalid clockTolerance option type");
    tolerance = clockTolerance;
  }
  if (validateInput("clockTolerance option", tolerance), tolerance < 0)
    throw new TypeError("Invalid clockTolerance option input");
  const { currentDate } = options, now = validateInput("currentDate option", epoch(currentDate === void 0 ? /* @__PURE__ */ new Date() : currentDate)), iat = validateNumericDate(claimsSet, "iat", maxTokenAge !== void 0), nbf = validateNumericDate(claimsSet, "nbf");
  if (nbf !== void 0 && nbf > now + tolerance)
    throw new JWTClaimValidationFailed('"nbf" claim timestamp check failed', claimsSet, "nbf", checkFailed);
  const exp = validateNumericDate(claimsSet, "exp");
  if (exp !== void 0 && exp <= now - tolerance)
    throw new JWTExpired('"exp" claim timestamp check failed', claimsSet, "exp", checkFailed);
  if (maxTokenAge !== void 0) {
    const age = now - iat, max = validateInput("maxTokenAge option", typeof maxTokenAge == "number" ? maxTokenAge : secs(maxTokenAge));
    if (max < 0)
      throw new TypeError("Invalid maxTokenAge option input");
    if (age - tolerance > max)
      throw new JWTExpired('"iat" claim timestamp check failed (too far in the past)', claimsSet, "iat", checkFailed);
    if (age < -tolerance)
      throw new JWTClaimValidationFailed('"iat" claim timestamp check failed (it should be in the past)', claimsSet, "iat", checkFailed);
  }
  return claimsSet;
}

// node_modules/jose/dist/webapi/jwt/verify.js
async function jwtVerify(jwt, key, options) {
  const [verified, b64] = await verifyCompact(jwt, prepareVerify(options), key);
  if (!b64)
    throw new JWTInvalid("JWTs MUST NOT use unencoded payload");
  const payload = validateClaimsSet(verified.protectedHeader, verified.payload, options);
  return { ...verified, payload };
}

// node_modules/jose/dist/webapi/jwks/local.js
function isUsableJWK(jwk, entry, alg, kid) {
  const { kty, key_ops: keyOps, ext, kid: jwkKid, alg: jwkAlg, use, crv } = jwk;
  return (ext === void 0 || typeof ext == "boolean") && (keyOps === void 0 || Array.isArray(keyOps) && keyOps.every((operation, index) => typeof operation == "string" && keyOps.indexOf(operation) === index) && keyOps.includes("verify")) && entry.kty.includes(kty) && (kid === void 0 || typeof kid == "string" && kid === jwkKid) && (jwkAlg === void 0 ? kty !== "AKP" : alg === jwkAlg) && (use === void 0 || use === "sig") && (!entry.crv || crv === entry.crv);
}
async function importWithAlgCache(cache2, jwk, entry) {
  const cached = cache2.get(jwk) || cache2.set(jwk, {}).get(jwk), { alg } = entry;
  if (cached[alg] === void 0) {
    const pending = jwkToKey(entry, jwk, true).then((key) => {
      if (key.type !== "public")
        throw new JWKSInvalid("JSON Web Key Set members must be public keys");
      return cached[alg] = key, key;
    }).catch((error) => {
      throw cached[alg] === pending && delete cached[alg], error;
    });
    cached[alg] = pending;
  }
  return cached[alg];
}
function createLocalJWKSet(jwks) {
  let snapshot;
  try {
    snapshot = structuredClone(jwks);
  } catch (cause) {
    throw new JWKSInvalid("JSON Web Key Set malformed", { cause });
  }
  if (!isJwkSet(snapshot))
    throw new JWKSInvalid("JSON Web Key Set malformed");
  const metadata = snapshot.keys.map((jwk) => {
    const normalized = snapshotJwk(jwk);
    return Array.isArray(normalized.key_ops) && (normalized.key_ops = [...normalized.key_ops]), normalized;
  }), cached = /* @__PURE__ */ new WeakMap();
  return Object.defineProperty(async (protectedHeader, token) => {
    const { alg, kid } = { ...protectedHeader, ...token?.header }, entry = typeof alg == "string" ? JWS[alg] : void 0;
    if (!entry || entry.secret)
      throw new JOSENotSupported('Unsupported "alg" value for a JSON Web Key Set');
    const candidates = snapshot.keys.filter((_, index) => isUsableJWK(metadata[index], entry, alg, kid)), { 0: jwk, length } = candidates;
    if (!length)
      throw new JWKSNoMatchingKey();
    if (length !== 1) {
      const error = new JWKSMultipleMatchingKeys();
      throw error[Symbol.asyncIterator] = async function* () {
        for (const jwk2 of candidates)
          try {
            yield await importWithAlgCache(cached, jwk2, entry);
          } catch {
          }
      }, error;
    }
    return importWithAlgCache(cached, jwk, entry);
  }, "jwks", {
    value: () => structuredClone(snapshot)
  });
}

// node_modules/jose/dist/webapi/jwks/remote.js
function isCloudflareWorkers() {
  return typeof WebSocketPair < "u" || typeof navigator < "u" && navigator.userAgent === "Cloudflare-Workers" || typeof EdgeRuntime < "u" && EdgeRuntime === "vercel";
}
var USER_AGENT;
(typeof navigator > "u" || !navigator.userAgent?.startsWith?.("Mozilla/5.0 ")) && (USER_AGENT = "jose/v6.2.19");
var customFetch = /* @__PURE__ */ Symbol();
async function fetchJwks(url, headers, signal, fetchImpl = fetch) {
  const response = await fetchImpl(url, {
    method: "GET",
    signal,
    redirect: "manual",
    headers
  }).catch((err) => {
    throw err.name === "TimeoutError" ? new JWKSTimeout(void 0, { cause: err }) : err;
  });
  if (response.status !== 200)
    throw new JOSEError("Expected 200 OK from the JSON Web Key Set HTTP response");
  try {
    return await response.json();
  } catch (cause) {
    throw signal.aborted ? new JWKSTimeout(void 0, { cause }) : new JOSEError("Failed to parse the JSON Web Key Set HTTP response as JSON", { cause });
  }
}
var jwksCache = /* @__PURE__ */ Symbol();
function isFreshFor(timestamp, duration) {
  return Number.isFinite(timestamp) && Date.now() < timestamp + duration;
}
function validateDuration(value, fallback, option) {
  if (Number.isNaN(value))
    throw new TypeError(`"${option}" option must not be NaN`);
  if (typeof value == "number" && value < 0)
    throw new TypeError(`"${option}" option must not be negative`);
  return typeof value == "number" ? value : fallback;
}
function createRemoteJWKSet(url, options) {
  if (!(url instanceof URL))
    throw new TypeError("url must be an instance of URL");
  const href = new URL(url.href).href, opts = options ?? {}, timeoutOption = opts.timeoutDuration;
  if (typeof timeoutOption == "number" && (!Number.isInteger(timeoutOption) || timeoutOption < 0))
    throw new TypeError('"timeoutDuration" option must be a non-negative integer');
  const timeoutDuration = typeof timeoutOption == "number" ? timeoutOption : 5e3, cooldownDuration = validateDuration(opts.cooldownDuration, 3e4, "cooldownDuration"), cacheMaxAge = validateDuration(opts.cacheMaxAge, 6e5, "cacheMaxAge"), headers = new Headers(opts.headers);
  USER_AGENT && !headers.has("User-Agent") && headers.set("User-Agent", USER_AGENT), headers.has("accept") || headers.set("accept", "application/json, application/jwk-set+json");
  const fetchImpl = opts[customFetch], cache2 = opts[jwksCache];
  let jwksTimestamp, pendingFetch, reloadSequence = 0, appliedSequence = 0, local;
  if (cache2 && typeof cache2 == "object") {
    const { uat, jwks } = cache2;
    isFreshFor(uat, cacheMaxAge) && isJwkSet(jwks) && (jwksTimestamp = uat, local = createLocalJWKSet(jwks));
  }
  const reload = async () => {
    if (pendingFetch && isCloudflareWorkers() && (pendingFetch = void 0), !pendingFetch) {
      const sequence = ++reloadSequence, current = pendingFetch = fetchJwks(href, headers, AbortSignal.timeout(timeoutDuration), fetchImpl).then((json) => {
        const next = createLocalJWKSet(json);
        if (sequence <= appliedSequence)
          return;
        local = next;
        const updatedAt = Date.now();
        cache2 && (cache2.uat = updatedAt, cache2.jwks = json), jwksTimestamp = updatedAt, appliedSequence = sequence;
      }).finally(() => {
        pendingFetch === current && (pendingFetch = void 0);
      });
    }
    await pendingFetch;
  };
  return Object.defineProperties(async (protectedHeader, token) => {
    (!local || !isFreshFor(jwksTimestamp, cacheMaxAge)) && await reload();
    try {
      return await local(protectedHeader, token);
    } catch (err) {
      if (err instanceof JWKSNoMatchingKey && !isFreshFor(jwksTimestamp, cooldownDuration))
        return await reload(), local(protectedHeader, token);
      throw err;
    }
  }, {
    coolingDown: {
      get: () => isFreshFor(jwksTimestamp, cooldownDuration),
      enumerable: true
    },
    fresh: {
      get: () => isFreshFor(jwksTimestamp, cacheMaxAge),
      enumerable: true
    },
    reload: {
      value: reload,
      enumerable: true
    },
    reloading: {
      get: () => !!pendingFetch,
      enumerable: true
    },
    jwks: {
      value: () => local?.jwks(),
      enumerable: true
    }
  });
}

// src/adapters/oidc/verify.ts
var TokenRejectedError = class extends Error {
  name = "TokenRejectedError";
};
function isLoopback(url) {
  return url.hostname === "localhost" || url.hostname === "[::1]" || /^127\./.test(url.hostname);
}
function checkedUrl(text, what) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(`${what} '${text}' is not a URL.`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url))) {
    throw new TypeError(`${what} '${text}' must be an https:// URL.`);
  }
  return url;
}
function createOidcVerifier(options) {
  const issuer = options.issuer.replace(/\/+$/, "");
  checkedUrl(issuer, "OIDC issuer");
  if (!options.audience) throw new TypeError("The OIDC audience is empty: set it to the responder's URL.");
  const timeoutDuration = options.timeoutInMs ?? 5e3;
  let keys;
  const discover = async () => {
    const where = `${issuer}/.well-known/openid-configuration`;
    let response;
    try {
      response = await fetch(where, { signal: AbortSignal.timeout(timeoutDuration), redirect: "error" });
    } catch (e) {
      throw new Error(`OIDC discovery at ${where} failed: ${e.message}`);
    }
    if (!response.ok) throw new Error(`OIDC discovery at ${where} answered ${response.status}.`);
    const doc = await response.json();
    if (doc.issuer !== issuer) throw new Error(`OIDC discovery at ${where} names issuer '${String(doc.issuer)}'.`);
    if (typeof doc.jwks_uri !== "string") throw new Error(`OIDC discovery at ${where} has no jwks_uri.`);
    return createRemoteJWKSet(checkedUrl(doc.jwks_uri, "jwks_uri"), {
      timeoutDuration,
      cacheMaxAge: options.jwksCacheInMs ?? 6e5,
      cooldownDuration: options.jwksCooldownInMs ?? 3e4
    });
  };
  return {
    async verify(token) {
      keys ??= discover().catch((e) => {
        keys = void 0;
        throw e;
      });
      const jwks = await keys;
      let payload;
      try {
        ({ payload } = await jwtVerify(token, jwks, {
          issuer,
          audience: options.audience,
          algorithms: ["RS256"],
          clockTolerance: Math.round((options.clockToleranceInMs ?? 6e4) / 1e3),
          requiredClaims: ["exp", "iat", "repository"]
        }));
      } catch (e) {
        throw new TokenRejectedError(rejection(e));
      }
      return claimsOf(payload);
    }
  };
}
function rejection(e) {
  if (e instanceof errors_exports.JWTExpired) return "the token has expired";
  if (e instanceof errors_exports.JWTClaimValidationFailed) return `the token's '${e.claim}' claim is not valid (${e.reason})`;
  if (e instanceof errors_exports.JWKSNoMatchingKey) return "the token is not signed by a key of the issuer";
  if (e instanceof errors_exports.JWSSignatureVerificationFailed) return "the token's signature does not verify";
  if (e instanceof errors_exports.JOSEAlgNotAllowed) return "the token's algorithm is not RS256";
  if (e instanceof errors_exports.JWSInvalid || e instanceof errors_exports.JWTInvalid) return "the token is malformed";
  if (e instanceof errors_exports.JWKSTimeout) return "the issuer's key set did not answer in time";
  return `the token could not be verified: ${e.message}`;
}
function str(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
function claimsOf(p) {
  const repository = str(p.repository);
  if (!repository) throw new TokenRejectedError("the token has no 'repository' claim");
  const optional = {
    repositoryId: str(p.repository_id),
    repositoryOwner: str(p.repository_owner),
    ref: str(p.ref),
    sha: str(p.sha),
    environment: str(p.environment),
    eventName: str(p.event_name),
    workflowRef: str(p.workflow_ref),
    runId: str(p.run_id),
    runAttempt: str(p.run_attempt),
    actor: str(p.actor),
    jti: str(p.jti),
    expiresAtMs: typeof p.exp === "number" ? p.exp * 1e3 : void 0
  };
  return {
    repository,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== void 0))
  };
}
var ReplayGuard = class {
  constructor(now = Date.now) {
    this.now = now;
  }
  now;
  #seen = /* @__PURE__ */ new Map();
  /** True the first time `jti` is offered (then remembered until `expiresAtMs`), false after. */
  firstUse(jti, expiresAtMs) {
    const t = this.now();
    for (const [k, exp] of this.#seen) if (exp < t) this.#seen.delete(k);
    if (this.#seen.has(jti)) return false;
    this.#seen.set(jti, expiresAtMs);
    return true;
  }
};

// src/adapters/queue/credential-lock.ts
import { createHmac, randomBytes } from "node:crypto";
var CredentialLocks = class {
  #queue;
  #ttlInMs;
  #pollInMs;
  /** Per process: locks do not outlive it (the queue drops them at open). */
  #salt = randomBytes(32);
  constructor(queue, options = {}) {
    this.#queue = queue;
    this.#ttlInMs = options.ttlInMs ?? 6e5;
    this.#pollInMs = options.pollInMs ?? 200;
  }
  /** The lock key of a value: a keyed hash, so the database never holds the value. */
  keyOf(value) {
    return `credential:${createHmac("sha256", this.#salt).update(value).digest("hex").slice(0, 32)}`;
  }
  /**
   * Run `work` holding the locks of every value in `values` (all or none, taken in one order so
   * two holders cannot wait on each other). Waits while another holder has one; gives up when
   * `abortSignal` fires.
   */
  async run(values, holder, abortSignal, work) {
    const keys = [...new Set(values.map((v) => this.keyOf(v)))].sort();
    for (; ; ) {
      abortSignal.throwIfAborted();
      const taken = [];
      for (const key of keys) {
        if (!this.#queue.tryLock(key, holder, this.#ttlInMs)) break;
        taken.push(key);
      }
      if (taken.length === keys.length) break;
      for (const key of taken) this.#queue.unlock(key, holder);
      await sleep(this.#pollInMs * (0.5 + Math.random()), abortSignal);
    }
    const renew = setInterval(() => {
      try {
        for (const key of keys) this.#queue.tryLock(key, holder, this.#ttlInMs);
      } catch {
      }
    }, this.#ttlInMs / 3);
    renew.unref();
    try {
      return await work();
    } finally {
      clearInterval(renew);
      for (const key of keys) {
        try {
          this.#queue.unlock(key, holder);
        } catch {
        }
      }
    }
  }
};
function sleep(ms, abortSignal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      abortSignal.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(abortSignal.reason);
    }
    abortSignal.addEventListener("abort", onAbort, { once: true });
  });
}

// src/adapters/queue/findings-status.ts
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
var DAY_IN_MS = 864e5;
function openSqliteFindingsStatus(options) {
  mkdirSync(options.dir, { recursive: true });
  const db = new DatabaseSync(join(options.dir, "findings.db"), { timeout: 2e3 });
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
    CREATE TABLE IF NOT EXISTS findings_status (id TEXT PRIMARY KEY, status TEXT NOT NULL, updated_at INTEGER NOT NULL);`);
  const now = options.now ?? Date.now;
  db.prepare("DELETE FROM findings_status WHERE updated_at < ?").run(now() - (options.retentionInMs ?? 30 * DAY_IN_MS));
  const put = db.prepare(
    "INSERT INTO findings_status (id, status, updated_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at"
  );
  const get2 = db.prepare("SELECT status FROM findings_status WHERE id = ?");
  return {
    put: (status) => void put.run(status.id, JSON.stringify(status), now()),
    get(id) {
      const row = get2.get(id);
      return row ? JSON.parse(row.status) : void 0;
    },
    close: () => db.close()
  };
}

// src/adapters/queue/sqlite-queue.ts
import { mkdirSync as mkdirSync2 } from "node:fs";
import { join as join2 } from "node:path";
import { DatabaseSync as DatabaseSync2 } from "node:sqlite";
var SCHEMA_VERSION = 1;
var DAY_IN_MS2 = 864e5;
var DeliveryQueue = class _DeliveryQueue {
  maxAttempts;
  visibilityTimeoutInMs;
  #db;
  #now;
  #retryDelayInMs;
  #maxRetryDelayInMs;
  #retentionInMs;
  #retryDeadlineInMs;
  #sql;
  #dir;
  /** The last write failed (a full disk, a read-only directory); cleared by the next success. */
  #writeError;
  constructor(db, options) {
    this.#db = db;
    this.#dir = options.dir;
    this.#now = options.now ?? Date.now;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.visibilityTimeoutInMs = options.visibilityTimeoutInMs ?? 6e4;
    this.#retryDelayInMs = options.retryDelayInMs ?? 2e3;
    this.#maxRetryDelayInMs = options.maxRetryDelayInMs ?? 3e5;
    this.#retentionInMs = options.retentionInMs ?? 30 * DAY_IN_MS2;
    this.#retryDeadlineInMs = options.retryDeadlineInMs ?? 36e5;
    this.#sql = prepare(db);
  }
  /**
   * Open (or create) the queue in `options.dir`. Throws when another process holds the
   * directory, naming it and saying what to do.
   */
  static open(options) {
    const file = join2(options.dir, "deliveries.db");
    let db;
    try {
      mkdirSync2(options.dir, { recursive: true });
      db = new DatabaseSync2(file, { timeout: 2e3 });
    } catch (e) {
      throw new TypeError(storageError(options.dir, e).message, { cause: e });
    }
    try {
      db.exec(`PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
        PRAGMA secure_delete = ON;`);
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
      CREATE TABLE IF NOT EXISTS locks (
        key TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );`);
      if (db.prepare("PRAGMA user_version").get().user_version !== SCHEMA_VERSION) {
        db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
      }
      db.exec("COMMIT");
    } catch (e) {
      if (db.isTransaction) db.exec("ROLLBACK");
      db.close();
      const message2 = e.message;
      if (/locked|busy/i.test(message2)) {
        throw new TypeError(
          `The data directory '${options.dir}' is in use by another leakstop process; give each process its own LEAKSTOP_DATA_DIR.`,
          { cause: e }
        );
      }
      throw new TypeError(storageError(options.dir, e).message, { cause: e });
    }
    const queue = new _DeliveryQueue(db, options);
    try {
      queue.#write(() => {
        db.prepare("UPDATE deliveries SET state = 'ready', visible_at = ? WHERE state = 'leased'").run(queue.#now());
        db.prepare("DELETE FROM locks").run();
      });
    } catch {
    }
    return queue;
  }
  /**
   * Take the lock on `key` for `holder` until `ttlInMs` from now, or extend it when `holder`
   * has it already. False while another holder's lock has not expired. Locks are rows of the
   * same database; one process owns it, so at open every lock left behind is a dead process's
   * and is dropped (like its leases). Otherwise a lock ends with its time to live.
   */
  tryLock(key, holder, ttlInMs) {
    const now = this.#now();
    return this.#relaxed(() => this.#sql.lock.run(key, holder, now + ttlInMs, holder, now).changes > 0);
  }
  /** Give up `holder`'s lock on `key` (nothing when it is not the holder). */
  unlock(key, holder) {
    this.#relaxed(() => this.#sql.unlock.run(key, holder));
  }
  /** Why the last write failed, until a write succeeds again; undefined when writes work. */
  get writeError() {
    return this.#writeError;
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
    return this.#write(() => {
      if (deliveries.length === 1) return [one(deliveries[0])];
      this.#sql.begin.run();
      const results = deliveries.map(one);
      this.#sql.commit.run();
      return results;
    });
  }
  /** Take the next ready delivery, or undefined. Its attempt is counted now. */
  lease() {
    const now = this.#now();
    const row = this.#relaxed(() => this.#sql.lease.all(now + this.visibilityTimeoutInMs, now)[0]);
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
    const delayInMs = this.retryDelay(attempts);
    const pastDeadline = row !== void 0 && now + delayInMs - row.received_at > this.#retryDeadlineInMs;
    if (options.retryable === false || attempts >= this.maxAttempts || pastDeadline) {
      this.#relaxed(() => this.#sql.dead.run(error, now, id));
      return { state: "dead" };
    }
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
  /** Forget finished (done or dead) deliveries older than the retention. Returns how many. */
  prune() {
    return Number(this.#write(() => this.#sql.prune.run(this.#now() - this.#retentionInMs)).changes);
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
    return this.#write(() => {
      this.#sql.relaxed.run();
      try {
        return write();
      } finally {
        this.#sql.strict.run();
      }
    });
  }
  /** Run a write; a failure rolls back, is remembered (health) and thrown with what to do. */
  #write(write) {
    try {
      const result = write();
      this.#writeError = void 0;
      return result;
    } catch (e) {
      if (this.#db.isOpen && this.#db.isTransaction) this.#sql.rollback.run();
      this.#writeError = storageError(this.#dir, e);
      throw this.#writeError;
    }
  }
};
function storageError(dir, cause) {
  const message2 = cause instanceof Error ? cause.message : String(cause);
  let why = message2;
  if (/full|ENOSPC/i.test(message2)) why = "the disk is full";
  else if (/readonly|read-only|EROFS|EACCES|EPERM|unable to open/i.test(message2)) why = "it is not writable";
  return new Error(
    `The delivery queue in '${dir}' cannot write (${why}: ${message2}); free space or give LEAKSTOP_DATA_DIR a writable directory.`,
    { cause }
  );
}
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
      "UPDATE deliveries SET state = 'dead', payload = NULL, visible_at = NULL, last_error = ?, finished_at = ? WHERE id = ? AND state = 'leased'"
    ),
    release: p(
      "UPDATE deliveries SET state = 'ready', attempts = MAX(attempts - 1, 0), visible_at = ? WHERE id = ? AND state = 'leased'"
    ),
    attempts: p("SELECT attempts, received_at FROM deliveries WHERE id = ?"),
    state: p("SELECT state, outcome, attempts, last_error FROM deliveries WHERE id = ?"),
    counts: p("SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state"),
    nextVisible: p("SELECT MIN(visible_at) AS at FROM deliveries"),
    begin: p("BEGIN IMMEDIATE"),
    commit: p("COMMIT"),
    rollback: p("ROLLBACK"),
    relaxed: p("PRAGMA synchronous = NORMAL"),
    strict: p("PRAGMA synchronous = FULL"),
    prune: p("DELETE FROM deliveries WHERE state IN ('done', 'dead') AND finished_at < ?"),
    lock: p(
      `INSERT INTO locks (key, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE locks.holder = ? OR locks.expires_at <= ?`
    ),
    unlock: p("DELETE FROM locks WHERE key = ? AND holder = ?")
  };
}
var BatchingEnqueuer = class {
  #pending = [];
  #scheduled = false;
  queue;
  constructor(queue) {
    this.queue = queue;
  }
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

// src/adapters/scan/scan-pool.ts
import { Worker } from "node:worker_threads";
var BATCH_BYTES = 256 * 1024;
var ScanPool = class {
  #options;
  #idle = [];
  #all = /* @__PURE__ */ new Set();
  #waiting = [];
  #nextId = 1;
  #closed = false;
  constructor(options) {
    this.#options = options;
  }
  async scan(fragments, abortSignal) {
    const findings = [];
    let batch = [];
    let bytes = 0;
    for await (const f of fragments) {
      batch.push(f);
      bytes += f.text.length;
      if (bytes >= BATCH_BYTES) {
        findings.push(...await this.#scanBatch(batch, abortSignal));
        batch = [];
        bytes = 0;
      }
    }
    if (batch.length > 0) findings.push(...await this.#scanBatch(batch, abortSignal));
    return findings;
  }
  async close() {
    this.#closed = true;
    await Promise.all([...this.#all].map((w) => w.terminate()));
    this.#all.clear();
    this.#idle.length = 0;
  }
  async #scanBatch(fragments, abortSignal) {
    abortSignal.throwIfAborted();
    const worker = await this.#take(abortSignal);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const finish = (error, findings, reusable) => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        abortSignal.removeEventListener("abort", onAbort);
        if (reusable) this.#give(worker);
        if (error === void 0) resolve(findings ?? []);
        else reject(error);
      };
      const onMessage = (result) => {
        if (result.id !== id) return;
        const error = result.error === void 0 ? void 0 : new Error(`Scanning failed: ${result.error}`);
        finish(error, result.findings, true);
      };
      const onError = (e) => {
        this.#drop(worker);
        finish(e, void 0, false);
      };
      const onExit = (code) => {
        this.#drop(worker);
        finish(new Error(`A scan worker stopped unexpectedly (exit code ${code}).`), void 0, false);
      };
      const onAbort = () => {
        this.#drop(worker);
        void worker.terminate();
        finish(abortSignal.reason, void 0, false);
      };
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      abortSignal.addEventListener("abort", onAbort, { once: true });
      worker.postMessage({ id, fragments });
    });
  }
  #take(abortSignal) {
    if (this.#closed) return Promise.reject(new Error("The scan pool is closed."));
    const idle = this.#idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.#all.size < Math.max(1, this.#options.size ?? 2)) return Promise.resolve(this.#spawn());
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = this.#waiting.indexOf(take);
        if (i >= 0) this.#waiting.splice(i, 1);
        reject(abortSignal.reason);
      };
      const take = (w) => {
        abortSignal.removeEventListener("abort", onAbort);
        resolve(w);
      };
      abortSignal.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(take);
    });
  }
  #give(worker) {
    const next = this.#waiting.shift();
    if (next) next(worker);
    else this.#idle.push(worker);
  }
  #drop(worker) {
    this.#all.delete(worker);
    const i = this.#idle.indexOf(worker);
    if (i >= 0) this.#idle.splice(i, 1);
    const next = this.#waiting.shift();
    if (next && !this.#closed) next(this.#spawn());
  }
  #spawn() {
    const data = { kind: FRAGMENT_WORKER_KIND, config: this.#options.config };
    const worker = new Worker(this.#options.workerScript, { workerData: data, argv: [] });
    worker.unref();
    this.#all.add(worker);
    return worker;
  }
};
function scanInThread(scan) {
  return {
    async scan(fragments, abortSignal) {
      const findings = [];
      for await (const f of fragments) {
        abortSignal.throwIfAborted();
        findings.push(...scan(f));
      }
      return findings;
    },
    close: async () => {
    }
  };
}

// src/entrypoints/server/findings-route.ts
import { randomUUID } from "node:crypto";

// src/adapters/queue/worker.ts
var PermanentError = class extends Error {
  name = "PermanentError";
};
var STALL_FIRST_IN_MS = 500;
var STALL_MAX_IN_MS = 3e4;
var WorkerPool = class {
  #o;
  #active = /* @__PURE__ */ new Map();
  #running = false;
  #timer;
  #pumping = false;
  /** Consecutive failures to lease; the pool backs off while the queue cannot write. */
  #stalls = 0;
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
        if (this.#stalls > 0) {
          this.#stalls = 0;
          this.#o.onEvent?.({ type: "recovered" });
        }
        if (!delivery) break;
        this.#run(delivery);
      }
    } catch (e) {
      this.#stalls++;
      const retryInMs = Math.min(STALL_MAX_IN_MS, STALL_FIRST_IN_MS * 2 ** (this.#stalls - 1));
      if (this.#stalls === 1 || this.#stalls % 10 === 0) {
        this.#o.onEvent?.({ type: "stalled", error: e instanceof Error ? e : new Error(String(e)), retryInMs });
      }
      this.#pumping = false;
      clearTimeout(this.#timer);
      if (this.#running) {
        this.#timer = setTimeout(() => this.notify(), retryInMs);
        this.#timer.unref();
      }
      return;
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
    if (!this.#running || this.#active.size >= this.#o.concurrency || this.#stalls > 0) return;
    const next = this.#o.queue.nextAvailableInMs();
    const wait2 = Math.min(next ?? this.#o.idlePollInMs, this.#o.idlePollInMs);
    this.#timer = setTimeout(() => this.notify(), Math.max(wait2, 10));
    this.#timer.unref();
  }
  #run(delivery) {
    const controller = new AbortController();
    const { queue, onEvent } = this.#o;
    const started = performance.now();
    const heartbeat = setInterval(
      () => {
        try {
          queue.extend(delivery.id);
        } catch {
        }
      },
      Math.max(1e3, queue.visibilityTimeoutInMs / 3)
    );
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

// src/entrypoints/server/handle-findings.ts
var FINDINGS_EVENT = "leakstop_findings";
async function handleFindings(payload, job, deps) {
  const parsed = parseFindingsRequest(pickRequest(payload));
  if (!parsed.ok) throw new PermanentError(`The stored findings call is not valid: ${parsed.error}.`);
  const { repository, findings: claimed } = parsed.request;
  const actor = payload.actor;
  const [owner = "", name = ""] = repository.split("/");
  const repo = { owner, repo: name };
  const id = job.deliveryId;
  const log = job.log.child({ repository });
  deps.statuses.put({ id, state: "running", repository });
  const github = await deps.clients.forDelivery({ repository: repo });
  const commits = [...new Set(claimed.map((c) => c.commit))].map((sha) => ({
    sha,
    parents: 1,
    info: { sha, authorName: "", authorEmail: "", date: "" }
  }));
  const paths = new Set(claimed.map((c) => `${c.commit}\0${c.path}`));
  const fragments = commitFragments(github, repo, commits, { onNotice: (notice) => log.warn(notice) });
  const named = onlyNamed(fragments, (f) => paths.has(`${f.commit?.sha ?? ""}\0${f.path}`));
  const detected = await deps.scanner.scan(named, job.abortSignal);
  for (const f of detected) log.addSensitive(f.secret);
  const { confirmed, unconfirmed } = confirmFindings(claimed, detected);
  log.info("findings call checked", {
    commits: commits.length,
    claimed: claimed.length,
    confirmed: confirmed.length,
    unconfirmed: unconfirmed.length
  });
  const base = { id, repository, confirmed: confirmed.length, unconfirmed };
  if (confirmed.length === 0) {
    deps.statuses.put({
      ...base,
      state: "done",
      outcome: "unconfirmed",
      revoked: false,
      lines: [`None of the ${claimed.length} location(s) holds a secret the service detects; nothing was done.`]
    });
    return "unconfirmed";
  }
  job.abortSignal.throwIfAborted();
  let response;
  try {
    response = await deps.locks.run(
      confirmed.map((f) => f.secret),
      id,
      job.abortSignal,
      () => deps.responder.respondToLeak(
        { deliveryId: id, repository, findings: confirmed, ...actor ? { pusher: actor } : {} },
        { github, abortSignal: job.abortSignal, log }
      )
    );
  } catch (e) {
    deps.statuses.put({ ...base, state: "failed", error: log.redact(e.message).slice(0, 500) });
    throw e;
  }
  deps.metrics.rotations.inc({}, response.rotated);
  if (response.failures > 0) deps.metrics.failures.inc({ stage: "rotation" }, response.failures);
  const failed = response.outcome === "failed";
  deps.statuses.put({
    ...base,
    state: failed ? "failed" : "done",
    outcome: response.outcome,
    revoked: response.revoked,
    rotated: response.versions ?? [],
    ...response.issueUrl ? { issueUrl: response.issueUrl } : {},
    lines: statusLines(response, unconfirmed.length),
    ...failed ? { error: `${response.failures} remediation step(s) failed; the service retries them` } : {}
  });
  log.info("findings call handled", { outcome: response.outcome, rotated: response.rotated, issue: response.issueUrl });
  if (failed) throw new Error(`${response.failures} remediation step(s) failed; retrying.`);
  return response.outcome;
}
function pickRequest(payload) {
  if (typeof payload !== "object" || payload === null) return payload;
  const p = payload;
  return { repository: p.repository, findings: p.findings };
}
async function* onlyNamed(fragments, keep) {
  for await (const f of fragments) if (keep(f)) yield f;
}
function statusLines(response, unconfirmed) {
  const lines = [`Responder outcome: ${response.outcome}.`];
  for (const v of response.versions ?? []) lines.push(`Rotated ${v.secret} in ${v.vault} (new version ${v.version}).`);
  if (response.revoked) lines.push("The leaked value is proven dead.");
  if (response.issueUrl) lines.push(`Issue: ${response.issueUrl}`);
  if (response.failures > 0) lines.push(`${response.failures} step(s) failed; the service retries them.`);
  if (unconfirmed > 0) lines.push(`${unconfirmed} location(s) could not be confirmed and were not acted on.`);
  return lines;
}
function queuedStatus(id, repository) {
  return { id, state: "queued", repository };
}

// src/entrypoints/server/findings-route.ts
var FINDINGS_ROUTE = "/api/v1/findings";
var MAX_BODY_BYTES = 1024 * 1024;
var BODY_TIMEOUT_IN_MS = 1e4;
function createFindingsRoute(options) {
  const { logger } = options;
  async function authenticate(req, res) {
    const match = /^Bearer ([\w.-]+)$/.exec(req.headers.authorization ?? "");
    if (!match?.[1]) {
      unauthorized(res, "An 'Authorization: Bearer <GitHub Actions OIDC token>' header is required.");
      return void 0;
    }
    let claims;
    try {
      claims = await options.verifier.verify(match[1]);
    } catch (e) {
      if (!(e instanceof TokenRejectedError)) {
        logger.error("could not verify a findings token", { error: e });
        send(res, 503, { error: "The token could not be verified now; try again." });
        return void 0;
      }
      logger.warn("findings call refused", { why: e.message });
      unauthorized(res, `The token is not valid: ${e.message}.`);
      return void 0;
    }
    const verdict = authorize(claims, options.allowedRepositories, options.claimRules);
    if (!verdict.allowed) {
      logger.warn("findings call refused", { repository: claims.repository, why: verdict.reason });
      send(res, 403, { error: `Not allowed: ${verdict.reason}.` });
      return void 0;
    }
    return claims;
  }
  async function submit(req, res) {
    const claims = await authenticate(req, res);
    if (!claims) {
      req.resume();
      return;
    }
    const body = await readBody(req);
    if (body.kind === "refused") return send(res, body.status, { error: body.message });
    let json;
    try {
      json = JSON.parse(body.text);
    } catch {
      return send(res, 400, { error: "The body is not JSON." });
    }
    const parsed = parseFindingsRequest(json);
    if (!parsed.ok) return send(res, 400, { error: `The findings are not valid: ${parsed.error}.` });
    const { request: request3 } = parsed;
    if (request3.repository.toLowerCase() !== claims.repository.toLowerCase()) {
      logger.warn("findings call refused", { repository: claims.repository, why: "body names another repository" });
      return send(res, 403, {
        error: `The token is for '${claims.repository}' but the findings name '${request3.repository}'; a job can only report its own repository.`
      });
    }
    if (!claims.jti || claims.expiresAtMs === void 0) {
      return unauthorized(res, "The token has no 'jti' claim; it cannot be protected against replay.");
    }
    if (!options.replay.firstUse(claims.jti, claims.expiresAtMs)) {
      logger.warn("findings call refused", { repository: claims.repository, why: "token replayed" });
      return unauthorized(res, "The token was used before; each call needs a fresh token.");
    }
    const id = randomUUID();
    const stored = { ...request3, ...claims.actor ? { actor: claims.actor } : {} };
    try {
      await options.enqueue({ id, event: FINDINGS_EVENT, payload: JSON.stringify(stored) });
      options.statuses.put(queuedStatus(id, request3.repository));
    } catch (e) {
      logger.error("could not store a findings call; answered 503", { error: e });
      res.setHeader("retry-after", "30");
      return send(res, 503, { error: "The findings could not be stored; try again." });
    }
    logger.info("findings call queued", {
      delivery: id,
      repository: request3.repository,
      findings: request3.findings.length,
      ref: claims.ref,
      run: claims.runId
    });
    send(res, 202, queuedStatus(id, request3.repository));
    setImmediate(options.notify);
  }
  async function status(req, res, id) {
    const claims = await authenticate(req, res);
    if (!claims) return;
    const found = options.statuses.get(id);
    if (!found || found.repository.toLowerCase() !== claims.repository.toLowerCase()) {
      return send(res, 404, { error: `No findings call '${id}' for ${claims.repository}.` });
    }
    send(res, 200, withQueueState(found, options.queueState(id)));
  }
  return async (req, res, path) => {
    if (path === FINDINGS_ROUTE) {
      if (req.method !== "POST") send(res, 405, { error: "Use POST." });
      else await submit(req, res);
      return true;
    }
    const id = path.startsWith(`${FINDINGS_ROUTE}/`) ? path.slice(FINDINGS_ROUTE.length + 1) : void 0;
    if (id === void 0) return false;
    if (req.method !== "GET") send(res, 405, { error: "Use GET." });
    else if (!/^[0-9a-f-]{36}$/.test(id)) send(res, 404, { error: "Not found" });
    else await status(req, res, id);
    return true;
  };
}
function withQueueState(status, queued) {
  if (queued?.state !== "dead" || status.state === "done") return status;
  return { ...status, state: "failed", error: status.error ?? queued.lastError ?? "the service gave up on this call" };
}
function readBody(req) {
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    req.resume();
    return Promise.resolve({
      kind: "refused",
      status: 413,
      message: `The body is larger than ${MAX_BODY_BYTES} bytes.`
    });
  }
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    const done = (body) => {
      clearTimeout(timer);
      req.removeAllListeners("data");
      if (body.kind === "refused") req.resume();
      resolve(body);
    };
    const timer = setTimeout(
      () => done({ kind: "refused", status: 408, message: "The body did not arrive in time." }),
      BODY_TIMEOUT_IN_MS
    );
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES)
        return done({ kind: "refused", status: 413, message: `The body is larger than ${MAX_BODY_BYTES} bytes.` });
      chunks.push(chunk);
    });
    req.once("end", () => done({ kind: "ok", text: Buffer.concat(chunks).toString("utf8") }));
    req.once("error", () => done({ kind: "refused", status: 400, message: "The request was aborted." }));
  });
}
function unauthorized(res, message2) {
  res.setHeader("www-authenticate", 'Bearer error="invalid_token"');
  send(res, 401, { error: message2 });
}
function send(res, status, body) {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
}

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
    for await (const page2 of pages) for (const raw of page2.data) out.push(toLocation(raw));
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
  const str2 = (k) => typeof d[k] === "string" && d[k] !== "" ? d[k] : void 0;
  const fields = {
    path: str2("path"),
    startLine: num("start_line"),
    endLine: num("end_line"),
    startColumn: num("start_column"),
    endColumn: num("end_column"),
    commitSha: str2("commit_sha"),
    htmlUrl: str2("html_url")
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
  constructor(message2, status, options) {
    super(message2, options);
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
  const message2 = `Could not ${what} (${code !== void 0 ? `HTTP ${code}: ` : ""}${reason})`;
  return new GitHubApiError(fix ? `${message2}: ${fix}.` : `${message2}.`, code, { cause: error });
}

// src/entrypoints/server/responder.ts
import { randomBytes as randomBytes2 } from "node:crypto";
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
        random: { bytes: (n) => new Uint8Array(randomBytes2(n)) },
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
        const body = inspector.inspect(alertComment(report.alert, options.serverUrl), "comment.md");
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
        versions: result.rotated.map((r) => ({ vault: r.vault, secret: r.secret, version: r.version })),
        failures: result.failures,
        ...issueUrl ? { issueUrl } : {}
      };
    }
  };
}
function throwIfRetryable(response) {
  if (response.outcome !== "failed") return;
  const issue = response.issueUrl ? ` (issue ${response.issueUrl})` : "";
  throw new Error(`${response.failures} remediation step(s) failed; retrying${issue}.`);
}
function outcomeOf(results) {
  if (results.some((r) => r.kind === "failed")) return "failed";
  if (results.some((r) => r.kind === "rotated" || r.kind === "revoked")) return "rotated";
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
    else if (r.kind === "revoked") dead = true;
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
    const tag2 = v.tags[PROVIDER_TAG];
    if (tag2 === void 0) continue;
    const on = v.createdOn?.getTime() ?? 0;
    if (!newest || on > newest.on) newest = { on, none: tag2.toLowerCase() === "none" };
  }
  return newest?.none === true;
}
function alertComment(alert, serverUrl) {
  const link = alert.htmlUrl ? `[#${alert.number}](${linkTarget(alert.htmlUrl)})` : `#${alert.number}`;
  const lines = [`GitHub secret scanning alert ${link} (${codeSpan(alert.secretType)}) reported this leak.`];
  if (alert.publiclyLeaked) lines.push("", "> [!CAUTION]", "> GitHub found this secret in a **public** location.");
  if (alert.bypass) {
    const who = alert.bypass.by ? profileLink(alert.bypass.by, serverUrl) : "someone";
    const when = alert.bypass.at ? ` on ${alert.bypass.at}` : "";
    lines.push("", "> [!WARNING]", `> **Push protection was bypassed** by ${who}${when}.`);
    if (alert.bypass.comment) lines.push(">", `> Their reason: ${quote(alert.bypass.comment)}`);
    if (alert.bypass.reviewer) {
      lines.push(">", `> Bypass request reviewed by ${profileLink(alert.bypass.reviewer, serverUrl)}.`);
    }
    if (alert.bypass.requestUrl) lines.push(">", `> [Bypass request](${linkTarget(alert.bypass.requestUrl)})`);
  }
  if (alert.locations.length > 0) {
    lines.push("", "Locations:", "", ...alert.locations.slice(0, 20).map((l) => `- ${l}`));
    if (alert.locations.length > 20) lines.push(`- \u2026 and ${alert.locations.length - 20} more (see the alert)`);
  }
  return `${lines.join("\n")}
`;
}
function quote(text) {
  return `\u201C${escapeMarkdown(text.replace(/\s+/g, " ").trim().slice(0, 500))}\u201D`;
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
  const first = await getAlert(github, repo, number, request3);
  log.addSensitive(first.secret);
  if (first.state === "resolved") return alreadyResolved(first, log);
  return deps.locks.run([first.secret], job.deliveryId, job.abortSignal, async () => {
    const alert = await getAlert(github, repo, number, request3);
    if (alert.state === "resolved") return alreadyResolved(alert, log);
    return respondToAlert(alert, { repo, number, repository, github, log }, job, deps);
  });
}
function alreadyResolved(alert, log) {
  log.info("alert already resolved; nothing to do", { resolution: alert.resolution });
  return "already-resolved";
}
async function respondToAlert(alert, target, job, deps) {
  const { repo, number, repository, github, log } = target;
  const request3 = { abortSignal: job.abortSignal };
  const locations = await listAlertLocations(github, repo, number, request3);
  const where = firstCodeLocation(locations);
  let commit;
  if (where?.commitSha) {
    try {
      commit = await getCommitInfo(github, repo, where.commitSha, request3);
    } catch (e) {
      log.warn("could not read the commit of the alert's first location", { error: e });
    }
  }
  if (alert.bypass) {
    log.warn("push protection was bypassed", { by: alert.bypass.by, reason: alert.bypass.comment });
  }
  const finding = alertFinding(alert, where, deps.engine, commit);
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
  throwIfRetryable(response);
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
    return `${codeSpan(l.path)}${lines}${at}`;
  }
  const type = escapeMarkdown(l.type.replace(/_/g, " "));
  return l.htmlUrl ? `${type}: <${l.htmlUrl.replace(/[<>\s]/g, encodeURIComponent)}>` : type;
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
  const findings = dropMergeRepeats(await deps.scanner.scan(fragments, job.abortSignal), commits);
  for (const f of findings) log.addSensitive(f.secret);
  log.info("push scanned", { scope: plan.label, commits: commits.length, findings: findings.length });
  if (findings.length === 0) return "clean";
  job.abortSignal.throwIfAborted();
  const sender = p?.sender?.login;
  const response = await deps.locks.run(
    findings.map((f) => f.secret),
    job.deliveryId,
    job.abortSignal,
    () => deps.responder.respondToLeak(
      { deliveryId: job.deliveryId, repository, findings, ...typeof sender === "string" ? { pusher: sender } : {} },
      { github, abortSignal: job.abortSignal, log }
    )
  );
  deps.metrics.rotations.inc({}, response.rotated);
  if (response.failures > 0) deps.metrics.failures.inc({ stage: "rotation" }, response.failures);
  throwIfRetryable(response);
  log.info("push handled", { outcome: response.outcome, rotated: response.rotated, issue: response.issueUrl });
  return response.outcome;
}

// src/entrypoints/server/jobs.ts
var HANDLED_EVENTS = ["secret_scanning_alert", "push", FINDINGS_EVENT];
function isWork(event, payload) {
  if (event === "secret_scanning_alert") return isActionableAlert(payload);
  return event === "push";
}
function storedPayload(event, payload) {
  const p = payload;
  const repository = pick(p.repository, ["name", "full_name", "default_branch"]);
  const owner = pick(p.repository?.owner, ["login", "name"]);
  const common = {
    ...repository ? { repository: { ...repository, ...owner ? { owner } : {} } } : {},
    ...pick(p.installation, ["id"]) ? { installation: pick(p.installation, ["id"]) } : {},
    ...pick(p.sender, ["login"]) ? { sender: pick(p.sender, ["login"]) } : {}
  };
  if (event === "push") return { ...pick(p, ["ref", "before", "after", "forced", "created", "deleted"]), ...common };
  if (event === "secret_scanning_alert") {
    const alert = pick(p.alert, ["number", "validity"]);
    return { ...pick(p, ["action"]), ...alert ? { alert } : {}, ...common };
  }
  return common;
}
function pick(value, keys) {
  if (value === null || typeof value !== "object") return void 0;
  const out = {};
  for (const k of keys) {
    const v = value[k];
    if (v === null || ["string", "number", "boolean"].includes(typeof v)) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : void 0;
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
    try {
      switch (delivery.event) {
        case "secret_scanning_alert":
          return await handleAlert(payload, job, deps);
        case "push":
          return await handlePush(payload, job, deps);
        case FINDINGS_EVENT:
          if (!deps.statuses) throw new PermanentError("A findings call is queued but the findings API is off.");
          return await handleFindings(payload, job, { ...deps, statuses: deps.statuses });
        default:
          throw new PermanentError(`No handler for event '${delivery.event}'.`);
      }
    } catch (e) {
      throw maskedError(e, (text) => log.redact(text));
    }
  };
}
function maskedError(error, redact) {
  const message2 = redact(error instanceof Error ? error.message : String(error)).slice(0, 1e3);
  const status = statusOf(error);
  const out = isPermanent(error) && status === void 0 ? new PermanentError(message2) : new Error(message2);
  if (status !== void 0) Object.assign(out, { status });
  return out;
}
function statusOf(error) {
  for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
    const status = e.status;
    if (typeof status === "number") return status;
  }
  return void 0;
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
    // A value learned anywhere in a delivery is masked on every line of that delivery: the
    // ancestors below the root learn it too (the delivery's logger, which its errors reach).
    // The root does not, so values do not pile up across deliveries.
    addSensitive: (value) => {
      for (const i of inspectors.length > 1 ? inspectors.slice(1) : inspectors) i.addSensitive(value);
    },
    redact: (text) => clean(text, 0)
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
  render(queue, inFlight, writable = true) {
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
      `leakstop_deliveries_in_flight ${inFlight}`,
      "# HELP leakstop_queue_writable 1 while the durable queue can write; 0 on a full disk or a read-only data directory.",
      "# TYPE leakstop_queue_writable gauge",
      `leakstop_queue_writable ${writable ? 1 : 0}`
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

// src/entrypoints/server/server.ts
import { createServer } from "node:http";

// node_modules/@octokit/webhooks-methods/dist-node/index.js
import { createHmac as createHmac2 } from "node:crypto";
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
  return `${algorithm}=${createHmac2(algorithm, secret).update(payload).digest("hex")}`;
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
var textDecoder = new TextDecoder("utf-8", { fatal: false });
var decode2 = textDecoder.decode.bind(textDecoder);
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

// src/entrypoints/server/intake.ts
import { createHmac as createHmac3, timingSafeEqual as timingSafeEqual2 } from "node:crypto";
var DELIVERY_ID = /^[\w.:-]{1,100}$/;
var EVENT = /^[a-z_]{1,64}$/;
var SIGNATURE = /^sha256=([0-9a-f]{64})$/i;
var IntakeBudget = class {
  constructor(limits) {
    this.limits = limits;
  }
  limits;
  #bodies = 0;
  #bytes = 0;
  /** Bodies and bytes held now, for health and metrics. */
  get usage() {
    return { bodies: this.#bodies, bytes: this.#bytes };
  }
  /**
   * Read, verify and parse one delivery. Never holds more than the budget allows; a refused
   * body is not read further.
   */
  async read(req, secrets) {
    const id = single(req, "x-github-delivery");
    const event = single(req, "x-github-event");
    const signature = SIGNATURE.exec(single(req, "x-hub-signature-256") ?? "")?.[1];
    if (!id || !DELIVERY_ID.test(id)) return refuse(400, "X-GitHub-Delivery is missing, empty or malformed.");
    if (!event || !EVENT.test(event)) return refuse(400, "X-GitHub-Event is missing or malformed.");
    if (!signature) return refuse(400, "X-Hub-Signature-256 is missing or not 'sha256=<hex>'.");
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > this.limits.maxBodyBytes) {
      return refuse(413, `Payload larger than ${this.limits.maxBodyBytes} bytes.`);
    }
    if (this.#bodies >= this.limits.maxUnverifiedBodies) return busy();
    const reserved = Number.isFinite(declared) ? declared : 0;
    if (this.#bytes + reserved > this.limits.maxUnverifiedBytes) return busy();
    this.#bodies++;
    this.#bytes += reserved;
    let held = reserved;
    try {
      const body = await this.#stream(req, secrets, (size) => {
        if (size <= held) return true;
        if (this.#bytes + (size - held) > this.limits.maxUnverifiedBytes) return false;
        this.#bytes += size - held;
        held = size;
        return true;
      });
      if (body.kind !== "ok") return body;
      if (!body.macs.some((mac) => equalHex(mac, signature))) {
        return refuse(400, "The signature does not match the payload and the webhook secret.", false);
      }
      let json;
      try {
        json = JSON.parse(body.text);
      } catch {
        return refuse(400, "The payload is not JSON.", false);
      }
      if (json === null || typeof json !== "object" || Array.isArray(json)) {
        return refuse(400, "The payload is not a JSON object.", false);
      }
      return { kind: "ok", id, event, body: body.text, json };
    } finally {
      this.#bodies--;
      this.#bytes -= held;
    }
  }
  #stream(req, secrets, grow) {
    const macs = secrets.map((s) => createHmac3("sha256", s));
    const chunks = [];
    let size = 0;
    return new Promise((resolve) => {
      const finish = (result) => {
        clearTimeout(timer);
        req.off("data", onData);
        req.off("end", onEnd);
        req.off("error", onError);
        req.off("aborted", onError);
        if (result.kind !== "ok") {
          chunks.length = 0;
          req.pause();
        }
        resolve(result);
      };
      const onData = (chunk) => {
        size += chunk.length;
        if (size > this.limits.maxBodyBytes)
          return finish(refuse(413, `Payload larger than ${this.limits.maxBodyBytes} bytes.`));
        if (!grow(size)) return finish(busy());
        for (const m of macs) m.update(chunk);
        chunks.push(chunk);
      };
      const onEnd = () => finish({ kind: "ok", text: Buffer.concat(chunks).toString("utf8"), macs: macs.map((m) => m.digest("hex")) });
      const onError = () => finish(refuse(400, "The request was aborted.", true));
      const timer = setTimeout(
        () => finish(refuse(408, `The body did not arrive within ${this.limits.bodyTimeoutInMs} ms.`)),
        this.limits.bodyTimeoutInMs
      );
      req.on("data", onData);
      req.once("end", onEnd);
      req.once("error", onError);
      req.once("aborted", onError);
    });
  }
};
function refuse(status, message2, close = true) {
  return { kind: "refused", status, message: message2, close };
}
function busy() {
  return refuse(503, "Too many deliveries are being received; redeliver later.");
}
function single(req, name) {
  const v = req.headers[name];
  return typeof v === "string" ? v : void 0;
}
function equalHex(a, b) {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b.toLowerCase(), "hex");
  return x.length === y.length && timingSafeEqual2(x, y);
}

// src/entrypoints/server/server.ts
var ROUTES = {
  webhooks: "/api/github/webhooks",
  findings: "/api/v1/findings",
  health: "/healthz",
  metrics: "/metrics"
};
async function startServer(options) {
  const { queue, logger, metrics } = options;
  const pool = new WorkerPool({
    queue,
    handle: options.handle,
    concurrency: options.concurrency,
    ...options.isPermanent ? { isPermanent: options.isPermanent } : {},
    onEvent: (e) => onWorkerEvent(e, logger, metrics)
  });
  const secrets = [options.webhookSecret, ...options.previousWebhookSecrets ?? []];
  const intake = new IntakeBudget(options.intake);
  const enqueuer = new BatchingEnqueuer(queue);
  const findings = options.findings?.(enqueuer, pool);
  const router = new Webhooks({ secret: options.webhookSecret });
  const routed = /* @__PURE__ */ new WeakMap();
  router.on(["push", "secret_scanning_alert"], async (event) => {
    const slot = routed.get(event);
    if (slot === void 0 || !isWork(event.name, event.payload)) return;
    const payload = JSON.stringify(storedPayload(event.name, event.payload));
    slot.outcome = await enqueuer.enqueue({ id: event.id, event: event.name, payload });
  });
  let stopping = false;
  const server = createServer((req, res) => {
    void route(req, res).catch((e) => {
      logger.error("request failed", { error: e });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.maxConnections = options.maxConnections;
  server.headersTimeout = 1e4;
  server.requestTimeout = 3e4;
  server.keepAliveTimeout = 5e3;
  async function route(req, res) {
    const path = (req.url ?? "/").split("?")[0];
    if (options.routes && await options.routes(req, res)) return;
    if (req.method === "GET" && path === ROUTES.health) {
      const writeError = queue.writeError?.message;
      const status = stopping ? "stopping" : writeError ? "degraded" : "ok";
      const body = { status, queue: queue.counts(), inFlight: pool.inFlight, ...writeError ? { writeError } : {} };
      return send2(res, stopping ? 503 : 200, "application/json", JSON.stringify(body));
    }
    if (req.method === "GET" && path === ROUTES.metrics) {
      return send2(
        res,
        200,
        "text/plain; version=0.0.4",
        metrics.render(queue.counts(), pool.inFlight, queue.writeError === void 0)
      );
    }
    if (findings && !stopping && await findings(req, res, path?.replace(/\/+$/, "") ?? "")) return;
    if (path?.replace(/\/+$/, "") !== ROUTES.webhooks)
      return send2(res, 404, "application/json", '{"error":"Not found"}');
    return receive(req, res);
  }
  async function receive(req, res) {
    const started = performance.now();
    const deliveryId = header(req, "x-github-delivery");
    const event = header(req, "x-github-event");
    let outcome;
    res.on("finish", () => {
      const ms = performance.now() - started;
      metrics.ackSeconds.observe(ms / 1e3);
      const label = outcome ?? (res.statusCode >= 300 ? refused(res.statusCode) : void 0);
      metrics.deliveries.inc({ event: eventLabel(event), outcome: label ?? "unknown" });
      const fields = {
        delivery: deliveryId,
        event,
        status: res.statusCode,
        outcome: label,
        ms: Math.round(ms * 10) / 10
      };
      if (res.statusCode >= 500) logger.error("delivery not acknowledged", fields);
      else if (res.statusCode >= 300) logger.warn("delivery refused", fields);
      else logger.info("delivery acknowledged", fields);
    });
    if (req.method !== "POST") return send2(res, 405, "application/json", '{"error":"Use POST."}');
    if (stopping) return refuse2(res, 503, "Shutting down; redeliver later.", true);
    const read = await intake.read(req, secrets);
    if (read.kind === "refused") return refuse2(res, read.status, read.message, read.close);
    let result;
    const slot = {};
    const delivery = { id: read.id, name: read.event, payload: read.json };
    routed.set(delivery, slot);
    try {
      await router.receive(delivery);
      result = slot.outcome;
    } catch (e) {
      metrics.failures.inc({ stage: "receive" });
      outcome = "error";
      const error = e instanceof AggregateError && e.errors.length > 0 ? e.errors[0] : e;
      logger.error("could not store a delivery; answered 503 so GitHub can redeliver it", {
        delivery: read.id,
        error
      });
      return refuse2(res, 503, "The delivery could not be stored; redeliver later.", false);
    }
    if (result === void 0) {
      outcome = "ignored";
      return send2(res, 200, "application/json", '{"ok":true,"outcome":"ignored"}');
    }
    outcome = result;
    send2(res, 200, "application/json", JSON.stringify({ ok: true, outcome: result }));
    if (result !== "duplicate") setImmediate(() => pool.notify());
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
    intake,
    close() {
      closing ??= (async () => {
        stopping = true;
        clearInterval(pruning);
        logger.info("shutting down", { inFlight: pool.inFlight });
        const closed = new Promise((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await closed;
        await pool.stop(options.shutdownGraceInMs ?? 8e3);
        queue.close();
        logger.info("stopped");
      })();
      return closing;
    }
  };
}
function refuse2(res, status, message2, close = false) {
  if (close) res.setHeader("connection", "close");
  if (status === 503) res.setHeader("retry-after", "30");
  send2(res, status, "application/json", JSON.stringify({ error: message2 }));
}
function send2(res, status, type, body) {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) }).end(body);
}
function header(req, name) {
  const v = req.headers[name];
  return typeof v === "string" ? v.slice(0, 100) : void 0;
}
function refused(status) {
  if (status === 413) return "too_large";
  if (status === 503) return "shed";
  if (status === 400 || status === 401) return "rejected";
  if (status >= 500) return "error";
  return `http_${status}`;
}
function onWorkerEvent(e, logger, metrics) {
  if (e.type === "stalled") {
    metrics.failures.inc({ stage: "queue" });
    logger.error("the queue cannot hand out work; waiting", { error: e.error, retryInMs: e.retryInMs });
    return;
  }
  if (e.type === "recovered") {
    logger.info("the queue works again");
    return;
  }
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

// src/entrypoints/server/setup.ts
import { randomBytes as randomBytes3, timingSafeEqual as timingSafeEqual3 } from "node:crypto";
import { createServer as createServer2 } from "node:http";
var SETUP_ROUTES = { form: "/setup", callback: "/setup/callback" };
var STATE_TTL_IN_MS = 60 * 60 * 1e3;
var COOKIE = "leakstop_setup_state";
var APP_MANIFEST = {
  name: "leakstop",
  description: "Rotates the Azure Key Vault secret behind a leaked credential, opens a redacted issue, and resolves the secret scanning alert as revoked.",
  public: false,
  default_permissions: {
    secret_scanning_alerts: "write",
    contents: "read",
    issues: "write",
    metadata: "read"
  },
  default_events: ["secret_scanning_alert", "push"]
};
function createSetupRoutes(options) {
  const states = /* @__PURE__ */ new Map();
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://setup.invalid");
    const path = url.pathname.replace(/\/+$/, "");
    if (path !== SETUP_ROUTES.form && path !== SETUP_ROUTES.callback) return false;
    if (req.method !== "GET") {
      page(res, 405, "Method not allowed", "<p>Open this page with a plain link.</p>");
      return true;
    }
    if (options.configured()) {
      page(
        res,
        409,
        "Already set up",
        "<p>A GitHub App (or token) is configured, so setup is off. To register another App, remove the stored one from the data directory and restart.</p>"
      );
      return true;
    }
    if (path === SETUP_ROUTES.form) form(req, res, url, states, options);
    else await callback(req, res, url, states, options);
    return true;
  };
}
function form(req, res, url, states, options) {
  const now = Date.now();
  for (const [s, expires] of states) if (expires < now) states.delete(s);
  const state = randomBytes3(24).toString("hex");
  states.set(state, now + STATE_TTL_IN_MS);
  const base = publicBase(req, options);
  const manifest = {
    ...APP_MANIFEST,
    url: base,
    hook_attributes: { url: `${base}/api/github/webhooks`, active: true },
    redirect_url: `${base}${SETUP_ROUTES.callback}`
  };
  const org = url.searchParams.get("org")?.trim() ?? "";
  const validOrg = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(org) ? org : "";
  const target = new URL(
    validOrg ? `/organizations/${validOrg}/settings/apps/new` : "/settings/apps/new",
    `${options.serverUrl}/`
  );
  target.searchParams.set("state", state);
  res.setHeader(
    "set-cookie",
    `${COOKIE}=${state}; HttpOnly; SameSite=Lax; Path=${SETUP_ROUTES.form}; Max-Age=${STATE_TTL_IN_MS / 1e3}`
  );
  const owner = validOrg ? `the organisation <b>${html(validOrg)}</b>` : "your personal account";
  page(
    res,
    200,
    "Register the leakstop GitHub App",
    `<p>This registers a private GitHub App owned by ${owner}, with webhooks to <code>${html(manifest.hook_attributes.url)}</code>:
secret scanning alerts (read and write), contents (read), issues (write); events <code>secret_scanning_alert</code>, <code>push</code>.</p>
<form method="get" action="${SETUP_ROUTES.form}"><label>Owner organisation (empty: your account)
<input name="org" value="${html(validOrg)}" pattern="[A-Za-z0-9][A-Za-z0-9-]*"></label> <button type="submit">Change</button></form>
<form id="create" method="post" action="${html(target.href)}">
<input type="hidden" name="manifest" value="${html(JSON.stringify(manifest))}">
<button type="submit">Create the GitHub App on GitHub</button></form>
<p>GitHub shows the App's name to confirm, then sends you back here.</p>`
  );
}
async function callback(req, res, url, states, options) {
  const code = url.searchParams.get("code") ?? "";
  const state = url.searchParams.get("state") ?? "";
  const cookie = cookieValue(req, COOKIE);
  const expires = states.get(state);
  if (!state || expires === void 0 || expires < Date.now() || !sameText(cookie ?? "", state)) {
    options.logger.warn("app setup: callback refused", { reason: "unknown, expired or mismatched state" });
    page(
      res,
      400,
      "Setup link expired",
      `<p>This link was not issued by this server, was used already, or has expired. <a href="${SETUP_ROUTES.form}">Start again</a>.</p>`
    );
    return;
  }
  states.delete(state);
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(code)) {
    page(res, 400, "No code", `<p>GitHub sent no usable code. <a href="${SETUP_ROUTES.form}">Start again</a>.</p>`);
    return;
  }
  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(`${options.apiUrl}/app-manifests/${code}/conversions`, {
    method: "POST",
    headers: { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" },
    signal: AbortSignal.timeout(3e4)
  }).catch((e) => e);
  if (response instanceof Error || !response.ok) {
    const why = response instanceof Error ? response.message : `HTTP ${response.status}`;
    options.logger.error("app setup: the code exchange failed", { error: why });
    page(
      res,
      502,
      "GitHub did not complete the setup",
      `<p>Exchanging the code failed (${html(why)}); codes expire after an hour and work once. <a href="${SETUP_ROUTES.form}">Start again</a>.</p>`
    );
    return;
  }
  const body = await response.json();
  const app = {
    appId: String(body.id ?? ""),
    slug: String(body.slug ?? ""),
    htmlUrl: String(body.html_url ?? ""),
    owner: String(body.owner?.login ?? ""),
    privateKey: String(body.pem ?? ""),
    webhookSecret: String(body.webhook_secret ?? "")
  };
  if (!/^\d+$/.test(app.appId) || !app.privateKey.includes("-----BEGIN") || app.webhookSecret === "") {
    options.logger.error("app setup: GitHub's answer lacks the App's id, key or webhook secret", {});
    page(res, 502, "GitHub did not complete the setup", "<p>GitHub's answer was incomplete; start again.</p>");
    return;
  }
  const file = await writeStoredApp(options.dataDir, app);
  options.onRegistered?.(app);
  options.logger.info("app setup: GitHub App registered and stored", { appId: app.appId, slug: app.slug, file });
  const install = app.htmlUrl ? `${app.htmlUrl}/installations/new` : "";
  page(
    res,
    200,
    "The leakstop App is registered",
    `<p>App <b>${html(app.slug)}</b> (id ${html(app.appId)}) is registered; its private key and webhook secret are stored in
<code>${html(file)}</code> (readable by this server's user only) and are not shown anywhere.</p>
<ol>
<li>${install ? `<a id="install" href="${html(install)}">Install the App</a>` : "Install the App"} on the repositories to protect (or all of them).</li>
<li>Restart <code>leakstop serve</code> without <code>LEAKSTOP_SETUP</code>: it reads the App from the data directory.</li>
<li>Keep the data directory on a volume, and back the file up like any private key (or move the key and secret to Key Vault references and set <code>GITHUB_APP_ID</code>, <code>GITHUB_APP_PRIVATE_KEY</code>, <code>LEAKSTOP_WEBHOOK_SECRET</code>).</li>
</ol>`
  );
}
async function startSetupServer(options) {
  const routes = createSetupRoutes(options);
  const server = createServer2((req, res) => {
    void (async () => {
      if (await routes(req, res)) return;
      const path = (req.url ?? "/").split("?")[0];
      if (req.method === "GET" && path === "/healthz") {
        res.writeHead(200, { "content-type": "application/json" }).end('{"status":"setup"}');
        return;
      }
      if (req.method === "GET" && path === "/") {
        res.writeHead(302, { location: SETUP_ROUTES.form }).end();
        return;
      }
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not found; open /setup"}');
    })().catch((e) => {
      options.logger.error("request failed", { error: e });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = server.address().port;
  const url = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}`;
  options.logger.info("setup mode: open /setup in a browser to register the GitHub App", { port });
  return {
    url,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    })
  };
}
function publicBase(req, options) {
  if (options.publicUrl) return options.publicUrl.replace(/\/+$/, "");
  const proto = req.headers["x-forwarded-proto"] === "https" ? "https" : "http";
  return `${proto}://${req.headers.host ?? "localhost"}`;
}
function cookieValue(req, name) {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return void 0;
}
function sameText(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual3(x, y);
}
function html(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
function page(res, status, title, body) {
  const text = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(title)} \xB7 leakstop</title>
<meta name="viewport" content="width=device-width"><meta name="referrer" content="no-referrer"></head>
<body style="font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;line-height:1.5"><h1>${html(title)}</h1>
${body}</body></html>
`;
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    "x-frame-options": "DENY",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action *; frame-ancestors 'none'"
  }).end(text);
}

// src/entrypoints/server/run.ts
async function startService(settings, overrides = {}) {
  if ("kind" in settings) {
    throw new TypeError("No GitHub App or token is configured yet: open /setup (LEAKSTOP_SETUP=1) to register one.");
  }
  const config = await serviceConfig(settings);
  const engine = createEngine({ config });
  const logger = createLogger({ engine, ...overrides.write ? { write: overrides.write } : {} });
  const metrics = new Metrics();
  const clients = overrides.clients ?? createGitHubClients(settings.github, { baseUrl: settings.apiUrl, log: (line) => logger.warn(line) });
  const credential = lazyCredential();
  const responder = overrides.responder ?? createRemediationResponder({
    config,
    engine,
    secretStore: overrides.secretStore ?? keyVaultStores(credential()),
    dryRun: settings.dryRun,
    serverUrl: settings.serverUrl,
    ...settings.issueRepository ? { issueRepository: settings.issueRepository } : {},
    providerRotators: [
      ...createProviderRotators({ githubApiUrl: settings.apiUrl }),
      createAzureStorageRotator({ armUrl: settings.armUrl, getToken: armToken(credential) })
    ]
  });
  const scanner = overrides.scanWorkerScript ? new ScanPool({ workerScript: overrides.scanWorkerScript, config, size: Math.min(2, settings.concurrency) }) : scanInThread((fragment) => engine.scan(fragment));
  const queue = DeliveryQueue.open({
    retryDeadlineInMs: settings.retryDeadlineInMs,
    ...overrides.queue,
    dir: settings.dataDir,
    maxAttempts: settings.maxAttempts
  });
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
  let statuses;
  try {
    statuses = settings.findingsApi ? openSqliteFindingsStatus({ dir: settings.dataDir }) : void 0;
    if (settings.findingsApi) {
      const { issuer, audience, allowedRepositories } = settings.findingsApi;
      logger.info("findings API on", { issuer, audience, allowedRepositories });
    }
    const server = await startServer({
      port: settings.port,
      ...overrides.host ? { host: overrides.host } : {},
      webhookSecret: settings.webhookSecret,
      previousWebhookSecrets: settings.previousWebhookSecrets,
      intake: {
        maxBodyBytes: settings.maxBodyBytes,
        maxUnverifiedBodies: settings.maxUnverifiedBodies,
        maxUnverifiedBytes: Math.max(settings.maxUnverifiedBytes, settings.maxBodyBytes),
        bodyTimeoutInMs: settings.bodyTimeoutInMs
      },
      maxConnections: settings.maxConnections,
      queue,
      handle: createDeliveryHandler(
        {
          clients,
          engine,
          scanner,
          responder,
          metrics,
          dryRun: settings.dryRun,
          locks: new CredentialLocks(queue),
          ...statuses ? { statuses } : {}
        },
        logger
      ),
      ...statuses && settings.findingsApi ? { findings: findingsRoute(settings.findingsApi, statuses, queue, logger) } : {},
      isPermanent,
      concurrency: settings.concurrency,
      logger,
      metrics,
      shutdownGraceInMs: overrides.shutdownGraceInMs ?? settings.shutdownGraceInMs,
      // LEAKSTOP_SETUP left on after the App was registered: /setup says so instead of 404.
      ...settings.setup ? { routes: createSetupRoutes({ ...settings, configured: () => true, logger }) } : {}
    });
    const close = async () => {
      await server.close();
      statuses?.close();
      await scanner.close();
    };
    return { ...server, close, logger, metrics };
  } catch (e) {
    statuses?.close();
    queue.close();
    await scanner.close();
    throw e;
  }
}
function findingsRoute(api, statuses, queue, logger) {
  const verifier = createOidcVerifier({ issuer: api.issuer, audience: api.audience });
  const replay = new ReplayGuard();
  return (enqueuer, pool) => createFindingsRoute({
    verifier,
    allowedRepositories: api.allowedRepositories,
    claimRules: api.claimRules,
    replay,
    statuses,
    enqueue: (d) => enqueuer.enqueue(d),
    queueState: (id) => queue.get(id),
    notify: () => pool.notify(),
    logger
  });
}
async function runServe(settings, overrides = {}) {
  const service = "kind" in settings ? await startSetup(settings) : await startService(settings, overrides);
  const signal = await new Promise((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  service.logger.info("signal received", { signal });
  await service.close();
  return 0;
}
async function startSetup(settings, overrides = {}) {
  const logger = createLogger({ engine: createEngine(), ...overrides.write ? { write: overrides.write } : {} });
  let registered = false;
  const server = await startSetupServer({
    ...settings,
    ...settings.publicUrl ? { publicUrl: settings.publicUrl } : {},
    ...overrides.host ? { host: overrides.host } : {},
    configured: () => registered,
    onRegistered: () => {
      registered = true;
    },
    logger
  });
  return { ...server, logger };
}
async function serviceConfig(settings) {
  const base = settings.configFile ? (await loadConfig(dirname(settings.configFile), settings.configFile)).config : defaultConfig();
  const known = new Set(base.vaults.map((v) => v.url.replace(/\/+$/, "")));
  const added = settings.vaultUrls.filter((u) => !known.has(u.replace(/\/+$/, ""))).map((url) => ({ url }));
  return { ...base, vaults: [...base.vaults, ...added] };
}
function lazyCredential() {
  let credential;
  return () => {
    credential ??= createKeyVaultCredential();
    return credential;
  };
}
function armToken(credential) {
  return async (scope, op) => {
    const token = await credential().getToken(scope, op?.abortSignal ? { abortSignal: op.abortSignal } : {});
    if (!token) throw new Error(`Azure sign-in returned no token for ${scope}`);
    return token.token;
  };
}
function keyVaultStores(credential) {
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
  startService,
  startSetup
};
/*! For license information please see run-QFBZL5YG.js.LEGAL.txt */
