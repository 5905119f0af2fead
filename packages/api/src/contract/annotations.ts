/**
 * Annotations the console's BFF writes on objects it creates for a user.
 *
 * `REQUESTED_BY`: on every VirtualMachineOperation created through the BFF, the user the BFF
 * authenticated (as the cluster named them in a SelfSubjectReview). The BFF overwrites any value
 * a client sends for this key and does not let a patch change it, so within the console it says
 * who asked; an operation without it was created some other way (kubectl, `d8 v`, a controller).
 */
export const REQUESTED_BY_ANNOTATION = 'console.virtualization.deckhouse.io/requested-by';
