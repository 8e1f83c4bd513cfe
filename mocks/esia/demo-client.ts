/**
 * The demo client `EDUSIM`'s key pair and certificate, so that the strict profile works out of
 * the box (the «Моя школа» cabinet logs in through this client). The private key is published on
 * purpose: it is a test key that guards nothing; vendors register their own (docs/esia.md
 * «The demo client»). RSA 2048, self-signed, valid until 2126.
 */
import { sign } from 'node:crypto';
import { certificateHashOf } from './certificate-hash.ts';

export const DEMO_CLIENT_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIDbDCCAlSgAwIBAgIBATANBgkqhkiG9w0BAQsFADBOMQ8wDQYDVQQKDAZlZHVz
aW0xOzA5BgNVBAMMMkVEVVNJTSBkZW1vIGNsaWVudCAocHVibGljIHRlc3Qga2V5
LCBub3QgYSBzZWNyZXQpMCAXDTI2MTEyMzE1MzAyNVoYDzIxMjYxMDMwMTUzMDI1
WjBOMQ8wDQYDVQQKDAZlZHVzaW0xOzA5BgNVBAMMMkVEVVNJTSBkZW1vIGNsaWVu
dCAocHVibGljIHRlc3Qga2V5LCBub3QgYSBzZWNyZXQpMIIBIjANBgkqhkiG9w0B
AQEFAAOCAQ8AMIIBCgKCAQEAyb54WIqxBAUd74dJevXbdHKUDsCj+Rm3Ytc/UMEl
DuyaJeVt7FbLrCenO/eogjvmTzsOaVCgeyxuElDJPlKxtbmfaVCppKeBi6v84/Lz
mVp21gTTW+mayh2efyHGXqqEvBwrgffeJPeI1ZgdWWEkb2QXMXDou3GudabOcCn7
0h600WqhF6tG/K9/N4yoWwuPtztrda1zq5K7sq3L94S/zbtxsy8hiJBO3Dd4lw1a
5DJutNOa9DPuC5z173thFYDcbTwJzYDcBy/L8vsLIHmtX6ILHALaW8iGF7ZY8H1v
tS46z/oAnHluuvoJ+ATUeLdeVojc+VHjtjMMC5QtPO6glQIDAQABo1MwUTAdBgNV
HQ4EFgQUQpD4DVuYFceBp3vakd0uUQDqVB8wHwYDVR0jBBgwFoAUQpD4DVuYFceB
p3vakd0uUQDqVB8wDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEA
vKK1+3UPlMbx8X9P00qsf8fibII9yKEMURelb32K3V+xsRtc22hKIM41h4L0yLfe
J5WHMBjq4ww08FZclXVzQQJlkftMeM0cv83LNFjksa4+3nuJIDH6Y/Ifoku2dPQV
GMY5EQidltSOsgP02cVYz5Dm6yF84oXmfvTRlhQXi5eJQfopnRaA0CKGuMOJTUkR
xxwO0LPWlhyZK8r6smAokrAqaWKB+8sIZUGSN6BAIUarwrlqyQYZ+t163tKPwKBa
upxUdHNWnztNcEbvbaiUOY+LrqRtBcgELFOrVF5f3j7BWtQ+X+dosWKoBeweBYsj
if1q7U0ytWOohtc9Sx2B8w==
-----END CERTIFICATE-----
`;

export const DEMO_CLIENT_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDJvnhYirEEBR3v
h0l69dt0cpQOwKP5Gbdi1z9QwSUO7Jol5W3sVsusJ6c796iCO+ZPOw5pUKB7LG4S
UMk+UrG1uZ9pUKmkp4GLq/zj8vOZWnbWBNNb6ZrKHZ5/IcZeqoS8HCuB994k94jV
mB1ZYSRvZBcxcOi7ca51ps5wKfvSHrTRaqEXq0b8r383jKhbC4+3O2t1rXOrkruy
rcv3hL/Nu3GzLyGIkE7cN3iXDVrkMm6005r0M+4LnPXve2EVgNxtPAnNgNwHL8vy
+wsgea1fogscAtpbyIYXtljwfW+1LjrP+gCceW66+gn4BNR4t15WiNz5UeO2MwwL
lC087qCVAgMBAAECggEADyiO2dZH8S2iP3BqmsDU5bXDPq2GVI30W8qhEQQGMQ4h
kfXgccjewldzZxvXbzupdSwSi+K5QDAJMDqeOF7Vx/oDypG7QWotn21DkewcFhp4
QeH4cJhHn2ak1VgYE95bnVe/hCM3746i2yu0DtZv+qeqX3ZkokrrKR9otQBOkc3H
BE4EVxkDQuVZaMlioo2M00EvyA8omL7lIqJ8SFt6VHq9ZgwsxUxAbQ/8GXDCXMcH
uLZ7K4fUBvWz6Iii0we06UxfhI91jk/nRTvnZVe+Zvtcd+1OjsoTc5A/ssE9w76G
SavSZYFi/TkzcYxwcG5ZjSPc2RvmxE3s4OYchhKhSQKBgQD7b4/WXrV6bzRg5H/Y
fzjKkqdC3qVYgi5+ibKEUdKrXLH0wNfWE64zNxIy9TJb0x2ebsk7jDgJrb+apAtp
3zkV3OdnvYx0Ves/GsTbI9yDrpLxu+Rn/pFvcO84PfPXiM8lAEwlHpOvy8f0rmm5
L8hBvPdCV30Aetonl8yZ/JaEvQKBgQDNZ/zIxFpjr3ZLMhZrtS/Y5TSJ2JQCePjW
tDYLDQU8v0ZYjanFAUmhMqxrGzBbdbV7OOPec0dCEoXNp7aL1gK9OAB5g/QI+6AL
SMgiy4sY8Jz2gLa+x+mt7Z0RsuQ722lj3EfKCG4BcmBh53+UbDtJmH6XFeGG7hwS
A/sSrSjEuQKBgQCC+8pF1c7aumXh+Ad15EjUlvOVjWE7q43HE7qw3eNOrBp0s6V8
+4GrYowTidKzLVbnuzUP1Ws395CyYbUkcUpOzmaqj39E96F2nV5h/tuYqfAZCFXj
qyVelcm5VeTaqoWm8/G3AKfVU+aV2+pts6uyO1vf7q3K+zT8nULUEVbkTQKBgCmO
b0MDDrJ6Tjl6YbTazFpaTN3SlmdFqDpv7TshID0hCY9i4cT8tLPLN7zXnFn0n4nV
gayAsBr6+l0YIEN8QcOcb+QlwRqMJd4ClJMNkQ+zpl3svowsj+djWlK5WZmOk2zj
pRaHzBG43S0Rk+soVnpWQs44XA9bXwx6B7LIm6XpAoGAP6qwPXkIVIkKyTY/wX3K
e4tOKip6/HmyxPF/oeh7OQj0jFOu8nhfgifiEc5YxfJPl+EG0X7XttkwAdttj4KT
fH9I+wZdrwSOY7vUVqJ8HnyZ8gvkylJgKvQWTiI2ksBzY1z0IsG6QsWDpfYmDh4R
eaoXrZFFbTIV29iZEZSGS7w=
-----END PRIVATE KEY-----
`;

/** `client_certificate_hash` for the demo client (SHA-256 of the certificate's DER, upper-case hex). */
export const DEMO_CLIENT_CERTIFICATE_HASH = certificateHashOf(DEMO_CLIENT_CERTIFICATE);

/** `client_secret` for the demo client: RSA SHA-256 over ESIA's concatenation (`v2Message`, `v1Message`), base64url. */
export function signAsDemoClient(message: string): string {
  return sign('sha256', Buffer.from(message, 'utf8'), DEMO_CLIENT_PRIVATE_KEY).toString('base64url');
}
