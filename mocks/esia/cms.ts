/**
 * Detached CMS/PKCS#7 signatures (`openssl smime -sign -binary -outform DER`), as legacy v1 ESIA
 * clients send client_secret. Parsed with pkijs; the signature is checked with the client's
 * registered key (the certificate inside the container is not trusted).
 */
import { createHash, verify, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { ContentInfo, SignedData } from 'pkijs';

const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.3.14.3.2.26': 'sha1',
};
const MESSAGE_DIGEST_OID = '1.2.840.113549.1.9.4';
const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';

export type CmsVerdict = 'valid' | 'invalid' | 'not-cms';

export function verifyDetachedCms(der: Buffer, message: string, key: KeyObject): CmsVerdict {
  let signed: SignedData;
  try {
    const parsed = asn1js.fromBER(new Uint8Array(der));
    if (parsed.offset === -1) return 'not-cms';
    const info = new ContentInfo({ schema: parsed.result });
    if (info.contentType !== SIGNED_DATA_OID) return 'not-cms';
    signed = new SignedData({ schema: info.content });
  } catch {
    return 'not-cms';
  }
  const signer = signed.signerInfos[0];
  if (!signer) return 'invalid';
  const digest = DIGESTS[signer.digestAlgorithm.algorithmId];
  if (!digest) return 'invalid';
  const content = Buffer.from(message, 'utf8');
  let data: Buffer = content;
  if (signer.signedAttrs) {
    const attribute = signer.signedAttrs.attributes.find((a) => a.type === MESSAGE_DIGEST_OID);
    const value = attribute?.values[0] as asn1js.OctetString | undefined;
    const expected = createHash(digest).update(content).digest();
    if (!value || !Buffer.from(value.valueBlock.valueHexView).equals(expected)) return 'invalid';
    data = Buffer.from(signer.signedAttrs.encodedValue);
  }
  const signature = Buffer.from(signer.signature.valueBlock.valueHexView);
  const ok = key.asymmetricKeyType === 'ec' ? verify(digest, data, { key, dsaEncoding: 'der' }, signature) : verify(digest, data, key, signature);
  return ok ? 'valid' : 'invalid';
}
