// The example plugin's own route (examples/acme-greeter): GET /api/ext/acme-greeter/hello.
import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

export const ACME_GREETER_PAGE_PATH = 'ext/acme-greeter';
export const ACME_GREETER_HELLO_URL = '/api/ext/acme-greeter/hello';

export interface Greeting {
  greeting: string;
  plugin: string;
}

@Injectable({ providedIn: 'root' })
export class AcmeGreeterApi {
  private readonly http = inject(HttpClient);

  hello(): Observable<Greeting> {
    return this.http.get<Greeting>(ACME_GREETER_HELLO_URL);
  }
}
