/**
 * Words that never make a topic label on their own.
 *
 * `stopWords` are function words and research boilerplate: they never start or end a label and carry no
 * weight in similarity. `genericWords` are content words so common across research papers ("model",
 * "energy", "hardware") that they may sit inside a label ("LLM inference") but never make one alone, and
 * never make papers look alike by themselves. Both hold lower-case surface forms; `isStopKey`/`isGenericKey`
 * test the stemmed keys.
 */
import { stem } from './stem';

const stopWordList = `
a about above across after again against all almost along also although always among amongst an and another any
are around as at away back be became because become becomes been before being below besides between beyond both
but by can cannot could did do does doing done down due during each either else enough especially etc even ever
every few first for four from further furthermore had has have having he hence her here hers herein him his how
however i ie if in inside into is it its itself just last later least less like likely little lot made mainly
make makes making many may me might more moreover most mostly much must my namely near nearly neither never
nevertheless next no nor not now of off often on once one only onto or other others otherwise our ours out over
overall own per perhaps quite rather really s same second several shall she should show shown shows significantly
since so some such than that the their theirs them themselves then there thereby therefore these they third this
those though three through throughout thus to together too toward towards two under unlike until up upon us use
used uses using usually various very via was we well were what whatever when where whereas whether which while who
whom whose why will with within without would yet you your e g i e vs
abstract paper papers work works study studies propose proposed proposes present presents presented introduce
introduces introduced demonstrate demonstrates demonstrated show showed achieve achieves achieved achieving
approach approaches method methods methodology technique techniques result results novel new existing state art
prior recent recently previous previously current currently key important significant substantial
different various several many multiple based given specific particular general common typical typically
effective effectively efficient efficiently high higher highest low lower lowest large larger largest small
smaller smallest good better best great greater improve improves improved improving improvement improvements
increase increases increased increasing reduce reduces reduced reducing reduction enable enables enabled enabling
provide provides provided providing allow allows allowed including include includes included compared compare
comparison respectively order term terms way ways number numbers type types set sets level levels case cases
problem problems challenge challenges challenging issue issues solution solutions aim aims goal goals need needs
needed require requires required requiring requirement requirements make made due across toward towards able
furthermore additionally specifically finally addition end times time fast faster evaluation evaluate evaluated
experiment experiments experimental extensive extensively outperform outperforms outperforming significant
significantly demonstrate demonstrating conduct conducted investigate investigated investigates explore explores
explored exploring address addresses addressing focus focuses focused potential promising remarkable superior
impressive comprehensive simple simply easily easy achieve leveraging leverage leverages utilize utilizes
utilizing utilization utilized employ employs obtain obtained paradigm aspect aspects factor factors insight
insights observation observations finding findings analysis analyze analyzes analyzed benchmark benchmarks
state-of-the-art code available publicly open source github https http www com org
`;

const genericWordList = `
model models modeling modelling system systems network networks neural deep learning learn data dataset
datasets performance energy hardware design designs designed efficiency algorithm algorithms architecture
architectures framework frameworks application applications task tasks computing computation computations
compute computational training train trained inference accuracy accurate cost costs speed speedup scale
scaling scalable process processing processes power memory resource resources optimization optimize optimized
optimizing optimal quality support supports information structure structures feature features tool tools
machine machines technology technologies research field domain domains world real practice practical
generation generate generated generating representation representations language languages
artificial intelligence ai ml dl nn dnn ann
survey review overview tutorial acceleration accelerate accelerating accelerated prediction predict
`;

function keys(list: string): Set<string> {
	return new Set(list.split(/\s+/).filter((w) => w.length > 0).map((w) => stem(w)));
}

const stopKeys = keys(stopWordList);
const genericKeys = keys(genericWordList);
for (const k of stopKeys) genericKeys.delete(k);

/** Whether a stemmed key is a function word or research boilerplate. */
export function isStopKey(key: string): boolean {
	return stopKeys.has(key) || key.length < 2 || /^\d/.test(key);
}

/** Whether a stemmed key is a content word too common in research papers to name a topic alone. */
export function isGenericKey(key: string): boolean {
	return genericKeys.has(key);
}
