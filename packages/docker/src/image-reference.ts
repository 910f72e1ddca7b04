// The image reference grammar of github.com/distribution/reference (what `docker pull` accepts):
//   reference := name [":" tag] ["@" digest]
//   name      := [domain "/"] path-component ["/" path-component]*   (at most 255 characters)
//   domain    := host [":" port]                                      (host: DNS name or [IPv6])
//   path-component := [a-z0-9]+ (separator [a-z0-9]+)*, separator := [._] | __ | -+
//   tag       := [\w][\w.-]{0,127}
//   digest    := algorithm ":" hex; sha256, sha384 and sha512, with 64, 96 and 128 lower-case hex digits
const NAME_MAX = 255;
const domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const host = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])`;
const pathComponent = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const NAME = new RegExp(`^(?:${host}(?::[0-9]+)?/)?${pathComponent}(?:/${pathComponent})*$`);
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const DIGEST_HEX_LENGTH = new Map([
  ["sha256", 64],
  ["sha384", 96],
  ["sha512", 128],
]);
/** A bare image id, which Docker refuses as a repository name. */
const IMAGE_ID = /^[a-f0-9]{64}$/;

/** Why `text` is not an image reference Docker can pull, in a sentence; null when it is one. */
export function imageReferenceProblem(text: string): string | null {
  if (text === "") return "Enter an image, for example nginx:1.27.";
  const [nameAndTag = "", digest, ...more] = text.split("@");
  if (more.length) return "Use @ once, before the digest.";
  if (digest !== undefined) {
    const problem = digestProblem(digest);
    if (problem) return problem;
  }
  const tagAt = nameAndTag.lastIndexOf(":");
  const hasTag = tagAt > nameAndTag.lastIndexOf("/");
  const name = hasTag ? nameAndTag.slice(0, tagAt) : nameAndTag;
  if (hasTag && !TAG.test(nameAndTag.slice(tagAt + 1))) {
    return "Use a tag of 1 to 128 letters, digits, _, . and -, not starting with . or -.";
  }
  if (name.length > NAME_MAX) return `Use a repository name of at most ${NAME_MAX} characters.`;
  if (IMAGE_ID.test(text)) return "Name the image's repository, not its id.";
  if (!NAME.test(name)) {
    return NAME.test(name.toLowerCase())
      ? "Use lower case in the repository name."
      : "Enter an image reference such as nginx:1.27 or registry.example.com:5000/team/app:2.";
  }
  return null;
}

function digestProblem(digest: string): string | null {
  if (!DIGEST.test(digest)) return "After @, give a digest such as sha256: and 64 hexadecimal digits.";
  const [algorithm = "", hex = ""] = digest.split(":");
  const length = DIGEST_HEX_LENGTH.get(algorithm);
  if (length === undefined) return "Use a sha256, sha384 or sha512 digest.";
  if (!new RegExp(`^[a-f0-9]{${length}}$`).test(hex)) {
    return `A ${algorithm} digest has ${length} lower-case hexadecimal digits.`;
  }
  return null;
}
