import { DefaultAzureCredential } from "@azure/identity";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeyVaultCredential, OIDC_AUDIENCE } from "../../../src/adapters/keyvault/credential.js";

const TENANT = "22222222-2222-2222-2222-222222222222";
const CLIENT = "11111111-1111-1111-1111-111111111111";

beforeAll(() => nock.disableNetConnect());
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("createKeyVaultCredential", () => {
  it("exchanges a fresh GitHub OIDC token per token request (federation, no client secret)", async () => {
    const audiences: string[] = [];
    let issued = 0;
    const getIdToken = async (audience: string) => {
      audiences.push(audience);
      return `oidc-token-${++issued}`;
    };
    const forms: URLSearchParams[] = [];
    const scope = nock("https://login.microsoftonline.com")
      .post(`/${TENANT}/oauth2/v2.0/token`, (body) => {
        forms.push(new URLSearchParams(typeof body === "string" ? body : new URLSearchParams(body).toString()));
        return true;
      })
      .query(true)
      .times(2)
      .reply(200, { token_type: "Bearer", expires_in: 3600, ext_expires_in: 3600, access_token: "access-1" });
    const credential = createKeyVaultCredential({ clientId: CLIENT, tenantId: TENANT, getIdToken });
    const token = await credential.getToken("https://vault.azure.net/.default");
    expect(token?.token).toBe("access-1");
    // A different scope is a new token request: a new assertion, never a cached one.
    await credential.getToken("https://management.azure.com/.default");
    expect(scope.isDone()).toBe(true);
    expect(new Set(audiences)).toEqual(new Set([OIDC_AUDIENCE]));
    const assertions = forms.map((f) => f.get("client_assertion"));
    expect(assertions.every((a) => /^oidc-token-\d+$/.test(a ?? ""))).toBe(true);
    expect(new Set(assertions).size).toBe(2);
    for (const f of forms) {
      expect(f.get("client_id")).toBe(CLIENT);
      expect(f.get("client_assertion_type")).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
      expect(f.get("client_secret")).toBeNull();
    }
  });

  it("falls back to the default chain, and rejects half a federation config", () => {
    expect(createKeyVaultCredential()).toBeInstanceOf(DefaultAzureCredential);
    expect(() => createKeyVaultCredential({ clientId: CLIENT })).toThrow(/azure-tenant-id is empty/);
    expect(() => createKeyVaultCredential({ tenantId: TENANT })).toThrow(/azure-client-id is empty/);
    expect(() => createKeyVaultCredential({ clientId: CLIENT, tenantId: TENANT })).toThrow(/id-token: write/);
  });
});
