/**
 * Messages of the VM Classes pages (keys prefixed `classes.`). English field and block names
 * from seed 002 ("How to configure VirtualMachineClass in the web interface"); seed 002 has no
 * Russian twin, so the Russian follows seed 003's wording (ЦП, ядра, политика сайзинга).
 */
export const en = {
  'classes.title': 'VM Classes',
  'classes.create': 'Create',
  'classes.search': 'Search by name',
  'classes.empty': 'There are no VM classes yet.',
  'classes.col.cpuType': 'CPU type',
  'classes.col.nodes': 'Nodes',
  'classes.col.policies': 'Sizing rules',
  'classes.default': 'default',
  'classes.back': 'VM Classes',

  // Detail page
  'classes.tabs': 'VM class sections',
  'classes.tab.overview': 'Overview',
  'classes.tab.yaml': 'YAML',
  'classes.edit': 'Edit',
  'classes.notFound': 'The VM class {name} does not exist.',
  'classes.deleted': 'The VM class {name} was deleted.',
  'classes.loading': 'Loading the VM class…',
  'classes.facts': 'Summary',
  'classes.availableNodes': 'Available nodes',
  'classes.availableNodes.all': 'Any node that matches the placement conditions',
  'classes.defaultClass': 'Default class',
  'classes.maxAllocatable': 'Largest VM a node can take',
  'classes.cpuFeatures.enabled': 'Enabled CPU instructions',
  'classes.cpuFeatures.notEnabledCommon': 'Common instructions not enabled',
  'classes.anyNode': 'Any node.',
  'classes.noPolicies': 'No rules: VMs of this class may have any size.',
  'classes.conditions': 'Conditions',
  'classes.noConditions': 'The class reports no conditions yet.',
  'classes.condition.since': 'since {time}',
  'classes.yaml.label': 'Manifest of the VM class {name}',
  'classes.yaml.hint': 'Read-only. Change the placement conditions and sizing rules with Edit.',

  // Usage and impact
  'classes.usage.title': 'Virtual machines using this class',
  'classes.usage.none': 'No virtual machine uses this class.',
  'classes.usage.count': '{count, plural, one {# virtual machine} other {# virtual machines}}',
  'classes.usage.partial':
    'Only the projects you may see are included: {namespaces, plural, one {# project} other {# projects}}.',
  'classes.usage.forbidden':
    'You may not list virtual machines, so their use of the class is not shown.',
  'classes.usage.table': 'Virtual machines of the class {name}',
  'classes.usage.vm': 'Virtual machine',
  'classes.usage.project': 'Project',
  'classes.usage.size': 'Size',
  'classes.usage.sizeValue': '{cores, plural, one {# core} other {# cores}}, {fraction}, {memory}',
  'classes.usage.policy': 'Sizing rules',
  'classes.usage.fits': 'Fits',
  'classes.usage.violates': 'Does not fit',
  'classes.impact.title': 'Virtual machines that would not fit',
  'classes.impact.allFit':
    'All {count, plural, one {# virtual machine} other {# virtual machines}} using this class fit the changed rules.',
  'classes.impact.noVms': 'No virtual machine uses this class, so no VM is affected.',
  'classes.impact.some':
    '{count, plural, one {# virtual machine} other {# virtual machines}} would not fit the changed rules. They keep running, but their configuration cannot be saved until it fits (the SizingPolicyMatched condition turns False).',
  'classes.impact.newly': 'would not fit',
  'classes.impact.already': 'does not fit already',
  'classes.impact.table': 'Virtual machines that would not fit the changed rules',
  'classes.impact.why': 'Why',

  // Create and edit form
  'classes.form.createTitle': 'Create VM class',
  'classes.form.editTitle': 'Edit VM class {name}',
  'classes.form.name': 'Name',
  'classes.form.submit': 'Create',
  'classes.form.save': 'Save',
  'classes.form.cancel': 'Cancel',
  'classes.form.checking': 'Checking the VM class…',
  'classes.form.creating': 'Creating the VM class…',
  'classes.form.created': 'VM class {name} created.',
  'classes.form.saved': 'VM class {name} saved.',
  'classes.form.fixFirst':
    '{count, plural, one {# problem needs} other {# problems need}} fixing before the class can be saved.',
  'classes.form.noChanges': 'Nothing has changed.',
  'classes.form.forbidden': 'Only cluster administrators can create and change VM classes.',
  'classes.form.leave.title': 'Leave the VM class form?',
  'classes.form.leave': 'What you entered is not saved. Leave anyway?',
  'classes.form.leave.stay': 'Stay',
  'classes.form.leave.go': 'Leave',
  'classes.form.reapplied': 'Your changes were re-applied to the current version of the class.',
  'classes.form.changedOnServer':
    'Someone changed this class after you opened it. Saving will be refused; reload to continue from the current version.',

  'classes.cpu.heading': 'CPU Settings',
  'classes.cpu.type': 'Type',
  'classes.cpu.model': 'Model',
  'classes.cpu.modelChoose': 'Choose a model',
  'classes.cpu.modelHint':
    'The CPU models the nodes advertise ({count, plural, one {# node} other {# nodes}}).',
  'classes.cpu.noModels': 'No node advertises a CPU model.',
  'classes.cpu.features': 'Required set of supported instructions',
  'classes.cpu.noFeatures': 'No node advertises CPU instructions.',
  'classes.cpu.discovery': 'Conditions for creating a universal processor',
  'classes.cpu.discoveryHint':
    'The universal processor gets the instructions common to the nodes that match; with no conditions, to all nodes.',
  'classes.cpu.locked': 'CPU settings cannot be changed after the VM class is created.',
  'classes.cpu.about.Host':
    'A virtual CPU as close as possible to the node’s CPU; VMs migrate between nodes with similar CPUs.',
  'classes.cpu.about.HostPassthrough':
    'The node’s physical CPU unchanged; VMs migrate only to nodes with exactly the same CPU.',
  'classes.cpu.about.Discovery':
    'A universal CPU with the instructions common to a set of nodes; VMs migrate freely between them.',
  'classes.cpu.about.Model': 'A specific CPU model with its predefined instruction set.',
  'classes.cpu.about.Features': 'A CPU with the required set of instructions.',

  'classes.placement.heading': 'VM scheduling conditions on nodes',
  'classes.placement.hint':
    'Changing the conditions affects every VM of the class: VMs may be migrated or restarted to meet them.',
  'classes.selector.title': 'Labels and expressions',
  'classes.selector.add': 'Add',
  'classes.selector.none': 'No conditions.',
  'classes.selector.remove': 'Remove {expression}',
  'classes.selector.dialog': 'Label or expression',
  'classes.selector.key': 'Key',
  'classes.selector.operator': 'Operator',
  'classes.selector.value': 'Value',
  'classes.selector.valueHint': 'Several values separated by commas.',
  'classes.selector.enter': 'Enter',
  'classes.selector.matches':
    '{matched} of {total, plural, one {# node matches} other {# nodes match}}.',
  'classes.selector.list': '{title}: {block}',

  'classes.policies.heading': 'Resource allocation rules for virtual machines',
  'classes.policies.hint':
    'Each rule covers a range of cores; ranges follow one another without gaps or overlaps. Each sets memory, allowed core shares, or both.',
  'classes.policies.add': 'Add',
  'classes.policies.none': 'No rules: VMs of this class may have any size.',
  'classes.policy.title': 'Range {n}',
  'classes.policy.remove': 'Remove range {n}',
  'classes.policy.cpu': 'CPU',
  'classes.policy.min': 'Min',
  'classes.policy.max': 'Max',
  'classes.policy.step': 'Step',
  'classes.policy.stepHint': 'Optional: allowed core counts are min, min + step, … and max.',
  'classes.policy.fractions': 'Allow core shares',
  'classes.policy.defaultFraction': 'Default core share',
  'classes.policy.defaultNone': 'Not set (100%)',
  'classes.policy.memory': 'Memory',
  'classes.policy.perCore': 'Volume per core',
  'classes.policy.memStep': 'Sampling step',
  'classes.policy.memHint': 'In GiB (0.5 is 512 MiB), or a size such as 512Mi.',

  'classes.preview.title': 'Allowed configurations',
  'classes.preview.cores': 'Cores',
  'classes.preview.coresNone': 'none',
  'classes.preview.run': '{from}–{to}',
  'classes.preview.runStep': '{from}–{to} step {step}',
  'classes.preview.fractions': 'Core shares',
  'classes.preview.anyFraction': 'any',
  'classes.preview.defaultFraction': '{list} (default {value})',
  'classes.preview.memory': 'Memory',
  'classes.preview.memoryPerCore': 'Memory per core',
  'classes.preview.anyMemory': 'any',
  'classes.preview.range': '{min} – {max}',
  'classes.preview.rangeStep':
    '{min} – {max}, step {step} ({sizes, plural, one {# size} other {# sizes}})',
  'classes.preview.from': 'from {min}',
  'classes.preview.upTo': 'up to {max}',

  'classes.review.title': 'Review the changes',
  'classes.review.diff': 'Changes to the class',
  'classes.review.confirm': 'Save',
  'classes.review.back': 'Back to editing',

  'classes.err.required': 'Required.',
  'classes.err.name': 'Invalid name: {message}',
  'classes.err.alreadyExists': 'A VM class named {name} already exists.',
  'classes.err.model': 'Choose a CPU model.',
  'classes.err.features': 'Choose at least one instruction.',
  'classes.err.key': 'Invalid key “{key}”: {message}',
  'classes.err.values': 'Enter at least one value for {key}.',
  'classes.err.value': 'Invalid value “{value}”.',
  'classes.err.server': '{message}',

  'classes.rule.noCores': 'Set the range of cores.',
  'classes.rule.overlap':
    'The ranges of rules {policy} and {other} overlap: each value of cores may belong to one range only.',
  'classes.rule.gap':
    'Ranges must follow one another: this one should start at {expected}, right after range {policy}.',
  'classes.rule.coresMin': 'Enter a whole number of at least 1.',
  'classes.rule.coresMaxLimit': 'Enter a whole number up to {max}.',
  'classes.rule.coresOrder': 'The maximum must be greater than the minimum.',
  'classes.rule.coresStep': 'The step must be a whole number less than the maximum.',
  'classes.rule.noValidCores':
    'No core count in this range is possible: a VM has at most {max} cores, and above 16 cores the count must fit the CPU topology.',
  'classes.rule.fractionRange': 'Core shares are from 1% to 100%.',
  'classes.rule.fractionDuplicate': 'The share {value}% is listed twice.',
  'classes.rule.defaultFraction': 'The default share must be one of the allowed core shares.',
  'classes.rule.noLimits': 'Set memory, allowed core shares, or both.',
  'classes.rule.memoryInvalid': 'Enter a size in GiB or such as 512Mi.',
  'classes.rule.memoryOrder': 'The maximum must not be less than the minimum.',
  'classes.rule.memoryStepZero': 'The step must be greater than zero.',
  'classes.rule.memoryStepRange': 'A sampling step needs both the minimum and the maximum.',
  'classes.rule.memoryStepMisfit':
    'The step must divide the range from the minimum to the maximum evenly.',
} as const;

export { ru } from './classes-ru.ts';
