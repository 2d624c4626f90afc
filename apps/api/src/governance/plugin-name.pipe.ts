import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../common/domain-error';

const PLUGIN_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;

/** A path segment that cannot be a plugin name names no plugin: 404, as for an unknown one. */
@Injectable()
export class PluginNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!PLUGIN_NAME.test(value)) throw new DomainError('PLUGIN_NOT_FOUND', `There is no plugin named "${value.slice(0, 100)}"`);
    return value;
  }
}
