import { describe, expect, it } from 'vitest';
import { credentialsInQuery, redactUrl } from '../../api/url-credentials.js';

describe('credentials in URLs', () => {
  it('finds credential names in the query string, decoded, each once', () => {
    expect(credentialsInQuery('/predict?access_token=abc&x=1')).toEqual(['access_token']);
    expect(credentialsInQuery('/p?API-KEY=1&api_key=2&apiKey=3&key=4&monkey=5&page=6')).toEqual([
      'API-KEY',
      'api_key',
      'apiKey',
      'key',
    ]);
    expect(credentialsInQuery('/p?ACCESS%5FTOKEN=1&client_secret=2&password&sig=3')).toEqual([
      'ACCESS_TOKEN',
      'client_secret',
      'password',
      'sig',
    ]);
    expect(credentialsInQuery('/predict')).toEqual([]);
    expect(credentialsInQuery('/predict?as_of=2020-01-01&verbose')).toEqual([]);
  });

  it('redacts their values and keeps the rest of the URL', () => {
    expect(redactUrl('/predict?access_token=abc&x=1')).toBe('/predict?access_token=[redacted]&x=1');
    expect(redactUrl('/p?x=1;api_key=s3cret')).toBe('/p?x=1&api_key=[redacted]');
    expect(redactUrl('/p?token')).toBe('/p?token');
    expect(redactUrl('/%zz?a=%zz&Token=%zz')).toBe('/%zz?a=%zz&Token=[redacted]');
    expect(redactUrl('/health')).toBe('/health');
  });
});
