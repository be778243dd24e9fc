/** `GET /me/profile`: personal data kept outside the event log. */
export interface Profile {
  principalId: string;
  username?: string;
  displayName?: string;
  email?: string;
  erased: boolean;
}

export interface AccessToken {
  id: string;
  name: string;
  creationTime: number;
  expiryTime?: number;
  revokedTime?: number;
}

/** `POST /tokens` answers the secret once. */
export interface IssuedToken extends AccessToken {
  token: string;
}
