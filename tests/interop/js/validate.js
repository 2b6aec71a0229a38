#!/usr/bin/env node
// Validate one FHIR R4 resource (JSON on stdin) independently of fhir.resources.
//
// Two checks, both from npm packages that share no code with the Python export:
//  1. Structure: FHIR.js (npm `fhir`, Lantana Group) against its bundled R4 (4.0.x)
//     definitions: types, cardinality, required bindings, and (errorOnUnexpected)
//     any property R4 does not define.
//  2. Invariants: FHIR.js does not evaluate FHIRPath constraints, so the R4
//     Questionnaire invariants (que-0 .. que-13) and the Extension rule ext-1 are
//     evaluated with fhirpath.js (npm `fhirpath`, HL7) and its R4 model. The
//     expressions are those of the R4 Questionnaire StructureDefinition.
//
// Prints {"valid": bool, "messages": [{severity, location, message}]} and exits 0 when
// valid, 1 when not, 2 when stdin is not JSON.
'use strict';

const { Fhir } = require('fhir');
const fhirpath = require('fhirpath');
const r4Model = require('fhirpath/fhir-context/r4');

// [key, severity, context path, expression, human text]; "context" selects the nodes the
// expression is evaluated on (every item at any depth, via repeat).
const QUESTIONNAIRE_INVARIANTS = [
  ['que-0', 'warning', 'Questionnaire', "name.exists() implies name.matches('[A-Z]([A-Za-z0-9_]){0,254}')",
    'Name should be usable as an identifier for the module by machine processing applications'],
  ['que-1', 'error', 'Questionnaire.repeat(item)',
    "(type='group' implies item.empty().not()) and (type='display' implies item.empty())",
    'Group items must have nested items, display items cannot have nested items'],
  ['que-2', 'error', 'Questionnaire', 'descendants().linkId.isDistinct()',
    'The link ids for groups and questions must be unique within the questionnaire'],
  ['que-3', 'error', 'Questionnaire.repeat(item)', "type!='display' or code.empty()",
    'Display items cannot have a "code" asserted'],
  ['que-4', 'error', 'Questionnaire.repeat(item)', 'answerOption.empty() or answerValueSet.empty()',
    'A question cannot have both answerOption and answerValueSet'],
  ['que-5', 'error', 'Questionnaire.repeat(item)',
    "(type ='choice' or type = 'open-choice' or type = 'decimal' or type = 'integer' or type = 'date' " +
    "or type = 'dateTime' or type = 'time' or type = 'string' or type = 'quantity') " +
    'or (answerValueSet.empty() and answerOption.empty())',
    "Only 'choice' and 'open-choice' items can have answerValueSet"],
  ['que-6', 'error', 'Questionnaire.repeat(item)', "type!='display' or (required.empty() and repeats.empty())",
    "Required and repeat aren't permitted for display items"],
  ['que-7', 'error', 'Questionnaire.repeat(item).enableWhen', "operator = 'exists' implies (answer is Boolean)",
    "If the operator is 'exists', the value must be a boolean"],
  ['que-8', 'error', 'Questionnaire.repeat(item)', "(type!='group' and type!='display') or initial.empty()",
    "Initial values can't be specified for groups or display items"],
  ['que-9', 'error', 'Questionnaire.repeat(item)', "type!='display' or readOnly.empty()",
    "Read-only can't be specified for \"display\" items"],
  ['que-10', 'error', 'Questionnaire.repeat(item)',
    "(type in ('boolean' | 'decimal' | 'integer' | 'string' | 'text' | 'url' | 'open-choice')) or maxLength.empty()",
    'Maximum length can only be declared for simple question types'],
  ['que-11', 'error', 'Questionnaire.repeat(item)', 'answerOption.empty() or initial.empty()',
    'If one or more answerOption is present, initial[x] must be missing'],
  ['que-12', 'error', 'Questionnaire.repeat(item)', 'enableWhen.count() > 2 implies enableBehavior.exists()',
    'If there are more than one enableWhen, enableBehavior must be specified'],
  ['que-13', 'error', 'Questionnaire.repeat(item)', 'repeats=true or initial.count() <= 1',
    'Can only have multiple initial values for repeating items'],
];

function structureMessages(resource) {
  const result = new Fhir().validate(resource, { errorOnUnexpected: true });
  return result.messages.map((m) => ({ severity: m.severity, location: m.location, message: m.message }));
}

function evaluate(resource, expression) {
  return fhirpath.evaluate(resource, expression, null, r4Model);
}

function invariantMessages(resource) {
  const messages = [];
  // ext-1 (every Extension): "Must have either extensions or value[x], not both".
  const extensions = evaluate(resource, 'descendants().extension | extension');
  extensions.forEach((extension, index) => {
    const hasValue = Object.keys(extension).some((key) => key.startsWith('value'));
    const hasExtensions = Array.isArray(extension.extension) && extension.extension.length > 0;
    if (hasValue === hasExtensions) {
      messages.push({ severity: 'error', location: `extension #${index} ${extension.url}`,
        message: 'ext-1: Must have either extensions or value[x], not both' });
    }
  });
  if (resource.resourceType !== 'Questionnaire') {
    return messages;
  }
  for (const [key, severity, context, expression, human] of QUESTIONNAIRE_INVARIANTS) {
    const nodes = evaluate(resource, context);
    // Evaluate on each node with its FHIR type path, so choice types (answer[x]) resolve.
    const base = context.replace(/\.repeat\(item\)/, '.item');
    nodes.forEach((node, index) => {
      const outcome = base === 'Questionnaire'
        ? evaluate(resource, expression)
        : fhirpath.evaluate(node, { base, expression }, null, r4Model);
      if (!(outcome.length === 1 && outcome[0] === true)) {
        const where = node.linkId ? `item ${node.linkId}` : `${context}[${index}]`;
        messages.push({ severity, location: where, message: `${key}: ${human}` });
      }
    });
  }
  return messages;
}

function main(text) {
  let resource;
  try {
    resource = JSON.parse(text);
  } catch (error) {
    process.stdout.write(JSON.stringify({ valid: false, messages: [
      { severity: 'fatal', location: 'stdin', message: `not JSON: ${error.message}` }] }) + '\n');
    return 2;
  }
  const messages = [...structureMessages(resource), ...invariantMessages(resource)];
  const valid = !messages.some((m) => m.severity === 'error' || m.severity === 'fatal');
  process.stdout.write(JSON.stringify({ valid, messages }, null, 1) + '\n');
  return valid ? 0 : 1;
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => { process.exitCode = main(input); });
