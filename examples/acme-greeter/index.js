/*
 * @acme/plugboard-greeter — a third-party Plugboard plugin in plain CommonJS (no build step).
 *
 * It uses only @nestjs/common and reflect-metadata (peer dependencies the platform provides) and
 * writes the same metadata the SDK's decorators write, under the SDK's shared keys:
 *   Symbol.for('plugboard:plugin')   the manifest (@PlugboardPlugin)
 *   'plugboard:public'               @Public()
 *   'plugboard:plugin-roles'         @RequirePluginRole(...)
 * A TypeScript plugin would simply use the decorators from @plugboard/plugin-sdk.
 */
'use strict';
require('reflect-metadata');
const { Controller, Get, Module, SetMetadata } = require('@nestjs/common');

const PLUGIN_NAME = 'AcmeGreeterPlugin';

class GreeterController {
  hello(req) {
    const user = req.user;
    return { greeting: `Hello, ${user ? user.email : 'stranger'}!`, plugin: PLUGIN_NAME };
  }

  ping() {
    return { ok: true, plugin: PLUGIN_NAME };
  }
}

const { Req } = require('@nestjs/common');
Reflect.decorate([Get('hello'), SetMetadata('plugboard:plugin-roles', Object.freeze(['greeter']))], GreeterController.prototype, 'hello', Object.getOwnPropertyDescriptor(GreeterController.prototype, 'hello'));
Req()(GreeterController.prototype, 'hello', 0);
Reflect.decorate([Get('ping'), SetMetadata('plugboard:public', true)], GreeterController.prototype, 'ping', Object.getOwnPropertyDescriptor(GreeterController.prototype, 'ping'));
Reflect.decorate([Controller()], GreeterController);

class AcmeGreeterPluginModule {}
Reflect.decorate([Module({ controllers: [GreeterController] })], AcmeGreeterPluginModule);

const manifest = {
  name: PLUGIN_NAME,
  version: '1.0.0',
  description: 'Greets people who hold its "greeter" role',
  hooks: {},
  configSchema: { type: 'object', additionalProperties: false, properties: {} },
  roles: [{ name: 'greeter', description: 'May be greeted' }],
  routePrefix: 'acme-greeter',
  ui: {
    features: ['greetings'],
    menu: [{ id: 'acme-greeter', label: 'Greeter', route: '/ext/acme-greeter', order: 50, requiredRole: 'greeter' }],
    routes: [{ path: 'ext/acme-greeter', component: 'acme-greeter-page', title: 'Greeter', requiredRole: 'greeter' }],
    slots: [{ slot: 'home:after-projects', id: 'acme-greeter-card', component: 'acme-greeter-card', title: 'Say hello' }],
  },
};
Reflect.defineMetadata(Symbol.for('plugboard:plugin'), manifest, AcmeGreeterPluginModule);

module.exports = { AcmeGreeterPluginModule, GreeterController };
