// What the audit log can say: every kind of record editors change and the verbs for each. The
// write path (./editing.ts) accepts only these, so a typo in an action name does not compile.
export const AUDIT_ACTIONS = {
  Outfit: ['create', 'update', 'items', 'delete'],
  Idol: ['create', 'update', 'delete'],
  Shot: ['create', 'update', 'delete'],
  Social: ['create', 'update', 'delete'],
  Product: ['create', 'update', 'delete'],
  Media: ['upload', 'alt', 'delete'],
  Comment: ['approve', 'hide', 'delete'],
  LegalPage: ['update'],
  Editor: ['create', 'update', 'disable', 'enable', 'password-reset', 'password-change', 'sign-in'],
} as const

export type AuditedEntity = keyof typeof AUDIT_ACTIONS
export const AUDITED_ENTITIES = Object.keys(AUDIT_ACTIONS) as AuditedEntity[]

/** A verb the log knows for this kind of record, e.g. 'alt' for Media. */
export type AuditVerb<E extends AuditedEntity> = (typeof AUDIT_ACTIONS)[E][number]

/** The stored action: the record kind in lower case, a dot, the verb (e.g. 'media.alt'). */
export type AuditAction = { [E in AuditedEntity]: `${Lowercase<E>}.${AuditVerb<E>}` }[AuditedEntity]

export function auditAction<E extends AuditedEntity>(entity: E, verb: AuditVerb<E>): AuditAction {
  return `${entity.toLowerCase()}.${verb}` as AuditAction
}
