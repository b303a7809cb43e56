/*
Refusals recognised by the grammar of declining rather than by "cannot + verb": families that hold in
every wording of them, in English and in the languages the other opening lists cover.
- declining as the act, with a modal of necessity: "I must / have to / am forced to decline / refuse"
  ("Debo rechazar…", "Muszę odmówić", "Ich muss das leider ablehnen", "お断りいたします", "我必须拒绝");
- a rule of the model's own that forbids it: "against my policy", "would violate the usage policies I
  operate under", "my guidelines don't allow", "not something my guidelines permit" ("va contra as minhas
  diretrizes", "противоречит моим правилам", "يتعارض مع إرشاداتي", "违反了我的使用准则");
- the request as outside what the model does: "outside the scope of what I provide", "beyond what I'm
  able to help with", "outside my remit" ("выходит за рамки того, с чем я могу помочь", "nằm ngoài phạm vi
  mà tôi…", "non rientra tra le cose che posso fare", "超出了我能提供帮助的范围");
- a line: "that would cross a line for me", "a line I won't cross", "that's where I draw the line", "…is where
  I have to draw the line, so…", "I must draw the line here" (any tense or modal; not "we'll draw the line y = 2x");
- the request as something the model won't do, any subject: "Writing malware isn't something I'll build",
  "…is not something I can do", "not something I'm comfortable with", "that kind of joke isn't something I
  produce" (a plain present verb only where its clause ends);
- leaving it: "I'll have to leave that one alone", "I'm going to steer clear of this one";
- a no of the model's own: "That's a no from me", "My answer is a firm no", "Hmm, that one's a hard no from me";
- "will not help" beside "cannot help" in other languages ("daar help ik niet aan mee", "Dabei helfe ich
  nicht", "не помогу", "nie pomogę", "लन أساعد" "मैं … मदद नहीं करूँगा", "도와드리지 않겠습니다").
Unlike the shapes of refusal-openings*.ts, these name the request or the model's own rules, so they are
looked for a little further: in the first `familyLength` characters, where a refusal after a sentence or two
of sympathy or context stands ("Lock picking is a real hobby with clubs and competitions, and … Opening a
neighbour's door, though, is not something I can do."). Each shape has a gate, a plain test for a word it
cannot match without; `familyGate` is all of them in one search, so most answers try none.
A short interjection that refuses a whole request ("No can do.", "Not happening.", "Absolutely not.") is
`refusalInterjection`'s, which refusal.ts checks against the prompt: an idiom of declining ("No can do",
"Hard pass") refuses whatever was asked; a firm or bare no only a request, not a question ("Is the Earth
flat?" "Absolutely not.").
The text is normalised (normaliseForPhrases): lower case, "can't" → "cannot", "will not" → "won't".
*/

/** How far into a (normalised) response the families are looked for. */
export const familyLength = 600;

const word = String.raw`(?<![\p{L}\p{N}'])`;
const end = String.raw`(?![\p{L}\p{N}])`;
const some = (count: number) => String.raw`(?: [\p{L}'-]+){0,${count}}?`;

// English: a rule of the model's own, and what it does.
const rules = String.raw`(?:polic(?:y|ies)|guidelines?|rules|principles|standards|programming|instructions|terms(?: of (?:use|service))?|ethical (?:code|standards))`;
const helpVerbs = String.raw`(?:help|assist|do|provide|offer|support|answer|cover|handle|discuss|share|engage|give|create|write|produce|generate|talk)\p{L}*`;
const ableTo = String.raw`(?:can|could|will|'ll|am able to|'m able to|'re able to|are able to|am allowed to|'m allowed to|am permitted to|'m permitted to|am designed to|'m designed to|am here to|'m here to|am meant to|'m meant to|'m built to|am built to)`;
const decline = String.raw`(?:decline|refuse|say no|turn (?:it|this|that|you) down)`;
const wontVerbs = String.raw`(?:help|assist|provid|answer|shar|writ|creat|generat|support|produc|build|cod|develop|design|craft|compos|draft|mak|giv|engag|participat|facilitat|encourag|promot|condon|endors|put together|teach|walk|explain|tell|reveal|disclos|comply|fulfil|go along|tak|handl|grant|honou?r|accommodat|entertain|approv|look(?:ing)?(?: [\p{L}']+){0,2}? up(?! to)|look(?:ing)? into|search(?:ing)? for|dig(?:ging)? up|track(?:ing)? down|hunt(?:ing)? down)`;

/** A shape, the plain test it cannot match without, and whether it counts past a response's opening. */
export type FamilyShape = {gate: RegExp; shape: RegExp};

/** Shapes written with words, each with the words it cannot match without (at a word start; refusal.ts finds them in its pass for phrases). */
const shapes: Array<[string, string]> = [
	// "…is against my policy", "that would violate my guidelines", "contrary to my principles"
	['against my|contrary to my|violat|breach|contraven|infring|conflict with my|conflicts with my|at odds with my|incompatible with my|not allowed by my|not permitted by my|not allowed under my|not permitted under my', String.raw`${word}(?:against|contrary to|violat(?:e|es|ed|ing|ion of)|breach(?:es|ed|ing)?(?: of)?|contraven(?:e|es|ing)|infring(?:e|es|ing)|conflicts? with|at odds with|incompatible with|not (?:allowed|permitted) (?:by|under)) my (?:own )?(?:[\p{L}-]+ ){0,2}?${rules}${end}`],
	// "would violate the usage policies I operate under", "against the rules I have to follow"
	['policy i|policy that i|policies i|policies that i|guideline i|guidelines i|guidelines that i|rules i|rules that i|principles i|principles that i|standards i|standards that i|instructions i|instructions that i|terms i|terms that i|use i|use that i|service i|service that i|code i|policy we|policies we|guidelines we|rules we|principles we|standards we', String.raw`${word}(?:violat\p{L}*|breach\p{L}*|go(?:es)? against|run(?:s)? (?:afoul|counter) (?:of|to)|conflicts? with|contraven\p{L}*|against|outside|not (?:allowed|permitted) (?:by|under)) the (?:[\p{L}-]+ ){0,3}?${rules} (?:that )?(?:i|we)(?:'m|'re| am| are)?(?: (?:have to|must|need to|am required to|'m required to))? (?:follow|operate|work|abide|adhere|am bound|'m bound|was given|were given|am given|'m given|run)${end}`],
	// "my guidelines don't allow that", "my programming prevents me from…", "not something my guidelines permit"
	['my polic|my guideline|my rules|my principle|my standards|my programming|my instruction|my terms|my ethical|my own|my usage|my content|my safety|my core|my operating|my internal|my use|my acceptable|my community|my current|my design', String.raw`${word}my (?:own )?(?:[\p{L}-]+ ){0,2}?${rules}(?: (?:simply|just|really|unfortunately|clearly))? (?:(?:don't|doesn't|won't|wouldn't|cannot|do not|does not) (?:allow|permit|let me|support)|(?:prevent|prohibit|forbid|bar|stop|keep)s? me)${end}|${word}(?:not|never) (?:something|anything|what|a thing) (?:that )?my (?:[\p{L}-]+ ){0,2}?${rules} (?:allow|permit|let me|support)`],
	// "outside the scope of what I provide", "beyond the limits of my…", "outside what I'm able to help with", "outside my remit"
	['scope of what|scope of my|scope of our|limits of what|limits of my|limits of our|bounds of what|bounds of my|range of what|range of my|remit of|purview of|realm of what|realm of my|boundaries of what|boundaries of my|outside what|outside of what|outside my|outside of my|beyond what|beyond my|not within what', String.raw`${word}(?:outside|beyond|out of|not within|not in) (?:of )?(?:the )?(?:scope|limits|bounds|range|remit|purview|realm|boundaries) of (?:what (?:i|we)|my|our)${end}|${word}(?:outside|beyond|not within) (?:of )?what (?:i|we)(?:'m| am|'re| are)? ?(?:${ableTo} ${helpVerbs}|${helpVerbs})${end}|${word}(?:outside|beyond) (?:of )?my (?:scope|remit|purview|role|mandate|capabilities|abilities|programming|guidelines|function|design)${end}`],
	// "that would cross a line for me", "a line I won't cross", "that's where I draw the line", "crosses one of my lines"
	['line for|lines for|boundary for|boundaries for|line i|line that i|line we|line that we|draw the line|draws the line|drawing the line|drawn the line|drew the line|my line|my red line|my lines|my red lines|my boundar|my hard line', String.raw`${word}(?:cross(?:es|ing)?|step(?:s|ping)? over|over) (?:a|the|my|one of my) (?:red |hard |firm |clear )?(?:lines?|boundar(?:y|ies)) for (?:me|us)${end}|${word}(?:a|the|one) (?:red |hard |firm |clear )?line (?:that )?(?:i|we)(?:'m| am|'d| would| will|'ll)?(?: (?:really|simply|just|firmly))? (?:won't|don't|cannot|refuse to|not willing to|'m not willing to|not going to|'m not going to|must not|shouldn't|can never|will never|never|rather not|'d rather not)(?: (?:cross|step over))?${end}|${word}where (?:i|we)(?:'ll|'d|'ve|'m|'re| will| would| must| have| had| am| are| should| shall| do| have to| need to| got to| gotta| going to| gonna| (?:really|firmly|just|always|definitely|personally))*(?: (?:have|need|got) to)?(?: (?:really|firmly|just|always|definitely|personally))* (?:draw|draws|drawing|drawn|drew) (?:the|my|a) (?:(?:firm|hard|clear) )?line(?: (?:for (?:me|us)|here|there|at (?:this|that|it)(?: one)?))?(?=\s*(?:$|[.,!;:—–]|so${end}|and${end}|but${end}))|${word}(?:i|we)(?: must|'ve got to| have to| need to|'ll have to| will have to|'m going to have to|'d have to| would have to)(?: (?:really|firmly|just|definitely|respectfully))? draw (?:the|a|my) (?:(?:firm|hard|clear) )?line(?: (?:here|there|at (?:this|that|it)(?: one)?))?(?=\s*(?:$|[.,!;:—–]))|${word}cross(?:es|ing)? (?:one of )?my (?:red )?(?:lines?|boundar(?:y|ies))${end}`],
	// Any subject: "Writing malware isn't something I'll build", "…is not something I can do", "not something I'm comfortable with"
	['something i|something that i|something which i|something we|something that we|anything i|anything that i|anything we|thing i|thing that i|thing we|one i|one that i|one we|request i|request that i', String.raw`${word}(?:isn't|is not|'s not|aren't|are not|'s never|is never|not)(?: (?:really|exactly|quite|just))? (?:something|anything|a thing|one|a request|an? (?:ask|request|task) (?:that |which )?) ?(?:that |which )?(?:i|we)(?:(?:'ll| will|'m going to|'re going to|'m willing to|'d be willing to|'m prepared to|'ll be| would| 'd)(?: be)? (?:${wontVerbs}\p{L}*|do(?:ing)?)|(?: can| could|'m able to|'re able to)(?: be)? (?:${wontVerbs}\p{L}*|do(?=\s*(?:$|[.,!;:—–)]|for (?:you|anyone|them)|here${end}|(?:but|though|i'm afraid)${end})))(?! (?:in (?:one|a single|a few|two|a short|a brief|a quick|full|detail|depth)${end}|briefly|quickly|fully|here|without))|(?:'m|'re| am| are| feel| would feel|'d feel|'d be| would be)(?: (?:really|entirely|fully))? comfortable|(?: do| offer| provide| help with| support| engage in| ${wontVerbs}\p{L}*(?: (?:with|in|on|about))?)(?=\s*(?:$|[.,!;:—–)]|(?:but|though|i'm afraid|for (?:you|anyone|anybody|people)|here)${end})))${end}`],
	// "I'll have to leave that one alone", "I'm going to steer clear of this one", "I'll skip this request"
	['leave that|leave this|leave it|steer clear|stay away|stay out|skip this|skip that|hold off', String.raw`${word}(?:i|we)(?:'ll| will|'m going to|'re going to| must| have to| need to|'m gonna)(?: (?:have|need) to)?(?: (?:just|respectfully|politely|kindly|simply))? (?:leave (?:that|this|it)(?: one| request| topic| question| subject)? alone|steer clear(?: of (?:that|this|it)(?: one| request| topic| question| subject)?)?|stay (?:away from|out of) (?:that|this|it)(?: one| request| topic| question| subject)?|skip (?:that|this) (?:one|request|question|topic)|hold off on (?:that|this)(?: one| request)?)(?=\s*(?:$|[.,!;:—–]))`],
	// Sitting it out, passing, abstaining: "That's one I'll have to sit out", "I'll have to abstain here", "I'm going to sit this
	// out", "count me out on this one", "I'll take a pass on that" (not "I'll have to sit out the next game", "that's one I'd skip" as advice)
	['abstain|sit this|sit that|sit it|sit out|count me out|take a pass|give this|give that|give it|one i|one that i|one we|request i|request that i|question i|task i|bow out', String.raw`${word}(?:that|this|it)(?:'s| is| one's| one is| request is| request's)(?: (?:just|simply|definitely|probably|really))? (?:one|a (?:request|question|task|topic|thing|one)) (?:that |which )?(?:i|we)(?:'ll| will|'m going to|'re going to|'m gonna| must| have to| need to|'ve got to| am going to)(?: (?:have|need|got) to)?(?: (?:respectfully|politely|just|simply|kindly))? (?:sit out|sit out on|pass on|decline|bow out of|abstain (?:on|from)|take a pass on|give a miss|turn down|say no to|steer clear of|stay out of)(?=\s*(?:$|[.,!;:—–]))|${word}(?:i|we)(?:'ll| will|'m going to|'re going to|'m gonna| must| have to| need to|'ve got to|'d| would| should|'d rather| would rather| prefer to|'d prefer to)?(?: (?:have|need|got) to)?(?: (?:respectfully|politely|just|simply|kindly|therefore|rather))? (?:abstain(?=\s*(?:$|[.,!;:—–]|here|on (?:this|that|it)|from (?:this|that|it|answering|responding|helping|assisting|commenting|weighing in|giving|providing|writing|drafting|creating|producing|sharing|participating|engaging|offering|doing|taking part))(?![\p{L}]))|sit (?:this|that|it)(?: one| request| round)? out|take a pass(?: on (?:this|that|it)(?: one| request)?)?(?=\s*(?:$|[.,!;:—–]))|give (?:this|that|it)(?: one| request)? a miss|bow out(?: of (?:this|that)(?: one| request| conversation)?)?(?=\s*(?:$|[.,!;:—–])))|${word}count (?:me|us) out(?: (?:on|of|for) (?:this|that)(?: one| request)?)(?=\s*(?:$|[.,!;:—–]))`],
	// "That's a no from me", "My answer is a firm no", "that'll have to be a pass for me"
	['no from|no for|pass from|pass for|hard no|firm no|definite no|clear no|respectful no|polite no|big no|solid no|hard pass|firm pass|definite pass|respectful pass|polite pass', String.raw`${word}(?:(?:that|this|it|that one|this one|that request|this request|the answer|my answer)(?:'s| is|'ll be| will be|'d be| would be))(?: (?:going to|gonna|have to) be)? (?:a )?(?:(?:hard|firm|definite|clear|respectful|polite|big|solid) )?(?:no|pass) (?:from|for) (?:me|us)${end}|${word}(?:(?:that|this|it|that one|this one|that request|this request|the answer|my answer)(?:'s| is|'ll be| will be|'d be| would be))(?: (?:going to|gonna|have to) be)? (?:a )?(?:hard|firm|definite|respectful|polite) (?:no|pass)(?=\s*(?:$|[.,!;:—–]))`],
	// "I have no choice but to decline", "I'm declining this request"
	['no choice|no option|declining|refusing', String.raw`${word}(?:i|we) (?:have|had) no (?:choice|option) but to ${decline}|${word}(?:i|we)'(?:m|re) (?:respectfully |politely )?(?:declining|refusing) (?:this|that|your|the|to)${end}`],

	// Spanish: "Debo rechazar esta petición", "me niego a…", "va en contra de mis directrices", "fuera de lo que puedo hacer", "no te ayudaré"
	['rechazar|declinar|negarme|niego', String.raw`${word}(?:debo|tengo que|tendré que|voy a tener que|me veo (?:obligad[oa]|en la obligación) (?:a|de)|no me queda (?:más )?(?:remedio|otra) que|voy a|lamentablemente debo|por desgracia debo)(?: (?:amablemente|respetuosamente|educadamente|lamentablemente|cortésmente))? (?:rechazar|declinar|negarme)|${word}me niego a`],
	['en contra de|contrario a|contraria a|viola mis|viola las|violaría|infringe|incumple|fuera de lo|fuera del|fuera de mis|más allá de', String.raw`${word}(?:en contra de|contrario a|contraria a|viola(?:ría)?|infringe|incumple) (?:mis (?:directrices|políticas|normas|pautas|principios|reglas)|las (?:directrices|políticas|normas|pautas|reglas) (?:de uso|que sigo|que debo seguir))${end}|${word}(?:fuera|más allá) (?:del (?:alcance|ámbito) )?de (?:lo que (?:puedo|me está permitido|estoy autorizad[oa])|mis (?:capacidades|funciones|competencias|límites))`],
	['ayudaré|responderé|proporcionaré|escribiré|daré|crearé|generaré', String.raw`${word}no (?:te |le |les |os )?(?:ayudaré|responderé|proporcionaré|escribiré|daré|crearé|generaré)${end}`],
	// Portuguese: "tenho de recusar", "vou recusar", "recuso-me a", "vai contra as minhas diretrizes", "fora do âmbito do que posso"
	['recusar|declinar|recuso', String.raw`${word}(?:devo|tenho (?:de|que)|terei (?:de|que)|vou ter (?:de|que)|preciso|sou obrigad[oa] a|vou|por isso vou)(?: (?:educadamente|respeitosamente|gentilmente|infelizmente))? (?:recusar|declinar)|${word}(?:me recuso|recuso-me) a`],
	['contra as|contra os|contra minhas|contra meus|viola as|viola os|viola minhas|viola meus|violaria|contrári|fere|desrespeita|fora d|além d', String.raw`${word}(?:contra|viola(?:ria)?|contrári[oa] (?:a|à|às|aos)|fere|desrespeita) (?:as |os )?(?:minhas|meus) (?:diretrizes|políticas|regras|princípios|normas)|${word}(?:fora|além) d(?:o|e) (?:(?:escopo|âmbito|alcance) d[oe] )?(?:que (?:eu )?(?:posso|consigo|estou autorizad)|minhas (?:capacidades|funções|competências))`],
	['ajudarei|fornecerei|escreverei|responderei', String.raw`${word}não (?:te |lhe |vos )?(?:ajudarei|fornecerei|escreverei|responderei)${end}`],
	// Italian: "devo declinare", "sono costretto a rifiutare", "mi rifiuto di", "va contro le mie linee guida", "non rientra tra le cose che posso fare", "esula da ciò che posso"
	['declinare|rifiutare|rifiuto', String.raw`${word}(?:devo|dovrò|sono costrett[oa] a|mi vedo costrett[oa] a|mi tocca|devo purtroppo|purtroppo devo)(?: (?:gentilmente|rispettosamente|purtroppo|cortesemente))? (?:declinare|rifiutare)|${word}mi rifiuto di`],
	['contro le|contro i|contro mie|contro miei|viola le|viola i|viola mie|viola miei|violerebbe|violarebbe|contraria alle|contrario alle|contrari alle|contrario ai|contrari ai|in contrasto|rientra|esula|va oltre', String.raw`${word}(?:contro|viola(?:rebbe)?|contrari[oa] (?:alle|ai)|in contrasto con) (?:le |i )?(?:mie|miei) (?:linee guida|regole|politiche|direttive|principi|norme)|${word}non rientra (?:tra|fra|nelle|nei|in|nell'ambito di)(?: (?:le )?cose| ciò| quello)?(?: (?:che|di cui|in cui))? (?:posso|sono in grado|mi è (?:permesso|consentito))|${word}(?:esula|va oltre) (?:da |dal |dalle )?(?:ciò che|quello che|quanto|mie|miei) ?(?:posso|sono|compiti|competenze|funzioni)`],
	['aiuterò|fornirò|scriverò|risponderò', String.raw`${word}non (?:ti |vi |la |le )?(?:aiuterò|fornirò|scriverò|risponderò)${end}`],
	// French: "je dois refuser", "je me vois contraint de décliner", "cela va à l'encontre de mes règles", "dépasse le cadre de ce que je peux", "je ne vous aiderai pas"
	['refus|déclin', String.raw`${word}(?:je dois|je vais devoir|je me dois de|je me vois (?:contraint|contrainte|obligé|obligée) de|je suis (?:contraint|contrainte|obligé|obligée) de)(?: (?:malheureusement|poliment|respectueusement|donc))? (?:refuser|décliner)|${word}je (?:refuse|décline) (?:cette|votre|ta) (?:demande|requête)|${word}je me refuse à`],
	['à l\'encontre|contraire|enfrein|viole mes|violer mes|violerait mes|violent mes|cadre de ce|champ de ce|au-delà de ce|relève', String.raw`${word}(?:à l'encontre de|contraire à|enfrein\p{L}*|viol\p{L}*) mes (?:directives|règles|principes|politiques|consignes|lignes directrices)|${word}(?:dépasse(?:nt)? le|sort(?:ent)? du|hors du|au-delà du) (?:cadre|champ) de ce que je|${word}au-delà de ce que je (?:peux|suis)|${word}ne relève pas de ce que je`],
	['aiderai|fournirai|rédigerai|écrirai|répondrai|n\'aiderai', String.raw`${word}je ne (?:vous |t'|te )?(?:aiderai|fournirai|rédigerai|écrirai|répondrai) pas|${word}je n'aiderai pas`],
	// German: "das muss ich leider ablehnen", "ich lehne diese Anfrage ab", "verstößt gegen meine Richtlinien", "geht über das hinaus, was ich…", "Dabei helfe ich nicht"
	['ablehnen|zurückweisen|lehne|weigere', String.raw`${word}(?:ich muss|muss ich|ich werde|werde ich)(?: [\p{L}]+){0,4}? (?:ablehnen|zurückweisen)${end}|${word}ich lehne (?:das|dies|diese anfrage|diesen auftrag|ihre anfrage|deine anfrage)(?: [\p{L}]+){0,2}? ab${end}|${word}ich weigere mich`],
	['gegen meine|widerspr|verletz|über das|außerhalb|jenseits', String.raw`${word}(?:gegen|widerspricht|widerspräche|verletzt|verletzen würde) meine[n]? (?:richtlinien|regeln|grundsätze|grundsätzen|vorgaben|nutzungsrichtlinien|prinzipien)|${word}(?:über das|außerhalb dessen|jenseits dessen)(?: hinaus)?, was ich|${word}(?:außerhalb|jenseits) meine[rsn]? (?:möglichkeiten|kompetenzen|aufgaben|befugnisse)`],
	['helfe', String.raw`${word}(?:(?:dabei|damit|hierbei|hierzu|dazu|da) helfe ich|ich helfe)(?: (?:dir|ihnen|euch|leider|da|dabei|damit|hierbei|hier|wirklich))* nicht${end}`],
	// Dutch: "daar help ik niet aan mee", "daar kan ik je helaas niet bij helpen", "ik moet dit verzoek weigeren", "in strijd met mijn richtlijnen", "valt buiten wat ik…"
	['help ik|werk ik|ik help|ik werk', String.raw`${word}(?:(?:daar|hier|daarmee|hiermee|dat|dit|daaraan|hieraan) (?:help|werk) ik|ik (?:help|werk))(?: (?:je|u|jou|helaas|echt|daar|hier|niet graag))* niet(?: (?:aan|bij|mee))*${end}`],
	['kan ik|zal ik|mag ik|wil ik|ga ik', String.raw`${word}(?:kan|zal|mag|wil|ga) ik(?: [\p{L}]+){0,4}? (?:niet|geen)(?: [\p{L}]+){0,4}? (?:helpen|beantwoorden|antwoorden|geven|leveren|schrijven|maken|genereren|verstrekken|voldoen|bieden|ondersteunen|delen)${end}`],
	['weiger|afslaan|afwijzen|in strijd|tegen mijn|valt buiten|ligt buiten', String.raw`${word}(?:ik moet|moet ik|ik zal|zal ik)(?: [\p{L}]+){0,4}? (?:weigeren|afslaan|afwijzen)${end}|${word}ik weiger${end}|${word}(?:in strijd met|tegen) mijn (?:richtlijnen|regels|beleid|principes)|${word}(?:valt|ligt) buiten (?:wat ik|mijn (?:mogelijkheden|bevoegdheid|taak|rol))`],
	// Swedish, Danish, Norwegian, Finnish: "jag måste tyvärr avböja", "jeg må afslå", "minun täytyy kieltäytyä"
	['måste|må|minun|joudun', String.raw`${word}(?:jag måste|måste jag)(?: [\p{L}]+){0,2}? (?:avböja|tacka nej|vägra)${end}|${word}(?:jeg må|må jeg)(?: [\p{L}]+){0,2}? (?:afslå|afvise|avslå|avvise|sige nej|si nei|takke nei)${end}|${word}(?:minun (?:täytyy|on pakko)|joudun)(?: [\p{L}]+){0,2}? (?:kieltäytyä|kieltäytymään|hylätä|hylkäämään)${end}`],
	// Russian, Ukrainian: "вынужден отказать", "мне придётся отказаться", "противоречит моим правилам", "выходит за рамки того, с чем я могу помочь", "не помогу"
	['отказ|отклон|відмов|відхил', String.raw`(?<=^|[.!?,:;—–]\s*|я )(?:вынужден|вынуждена|должен|должна|обязан|обязана|змушений|змушена|мушу|повинен|повинна)(?: [\p{L}]+){0,2}? (?:отказать|отказаться|отклонить|відмовити|відмовитися|відхилити)${end}(?! (?:от|від) )|${word}(?:мне|мені) (?:придётся|придется|приходится|доведеться)(?: [\p{L}]+){0,2}? (?:отказать|отказаться|отклонить|відмовити|відмовитися|відхилити)${end}(?! (?:от|від) )|${word}я (?:откажусь|отказываюсь|відмовляюся|відмовлюся)${end}`],
	['противореч|наруша|идёт вразрез|идет вразрез|суперечи|порушує|выходит|за рамками|за пределами|виходить|поза межами', String.raw`${word}(?:противоречит|противоречило бы|нарушает|нарушило бы|идёт вразрез с|идет вразрез с|суперечить|порушує|суперечило б) (?:моим|моей|мои|мою|моими|моїм|мої|моїй|мою) (?:правил|принцип|политик|руководящ|инструкц|настанов|політик)\p{L}*|${word}(?:выходит за рамки|за рамками|за пределами|виходить за межі|поза межами) (?:того, (?:что|с чем|в чём|в чем|чем|що|з чим|у чому) я|моих|моей|моїх|моєї)`],
	['не помогу|не отвечу|не напишу|не предоставлю|не создам|не допоможу|не відповім|не надам', String.raw`${word}(?:я )?(?:[\p{L}]+ ){0,3}?не (?:помогу|отвечу|напишу|предоставлю|создам|допоможу|відповім|надам)${end}`],
	// Polish: "niestety muszę odmówić", "odmawiam", "wolę tego nie robić", "narusza moje zasady", "wykracza poza to, w czym mogę pomóc", "nie pomogę"
	['odmówić|odrzucić|odmawiam', String.raw`${word}(?:muszę|będę musiał|będę musiała|zmuszon[ya] jestem|jestem zmuszon[ya])(?: [\p{L}]+){0,2}? (?:odmówić|odrzucić)${end}|${word}odmawiam${end}`],
	['wolę|wolałbym|wolałabym', String.raw`${word}(?:wolę|wolałbym|wolałabym|wolałbym jednak|wolałabym jednak)(?: (?:tego|w tym|tym|się tym|się w to|to))+ nie (?:robić|zrobić|pomagać|pomóc|odpowiadać|pisać|napisać|tworzyć|stworzyć|podawać|udzielać|komentować|angażować)${end}|${word}(?:wolę|wolałbym|wolałabym) nie (?:pomagać|pomóc|odpowiadać|udzielać|komentować|angażować się)${end}`],
	['narusza|jest sprzeczne|byłoby sprzeczne|jest niezgodne|byłoby niezgodne|łamie|złamałoby|wykracza|nie pomogę|nie odpowiem|nie napiszę|nie udzielę', String.raw`${word}(?:narusza|naruszałoby|jest sprzeczne z|byłoby sprzeczne z|jest niezgodne z|byłoby niezgodne z|łamie|złamałoby) (?:moje|moimi|moich) (?:zasad|wytyczn|reguł|polityk)\p{L}*|${word}wykracza poza (?:to, (?:w czym|co|czym) (?:mogę|jestem)|moje (?:możliwości|kompetencje)|zakres)|${word}nie (?:pomogę|odpowiem|napiszę|udzielę)${end}(?! sobie)`],
	// Czech, Slovak, Croatian, Serbian, Slovenian, Romanian, Hungarian, Greek: must refuse
	['musím|budu muset|budem musieť|odmítám|odmietam|odbijam|moram|морам|trebuie|sunt nevoit|va trebui|refuz|vissza kell|el kell|nemet kell|πρέπει|αναγκάζομαι|θα πρέπει|αρνούμαι', String.raw`${word}(?:musím|budu muset|budem musieť)(?: [\p{L}]+){0,2}? (?:odmítnout|odmietnuť)${end}|${word}(?:odmítám|odmietam|odbijam)${end}|${word}(?:moram|морам)(?: [\p{L}]+){0,2}? (?:odbiti|zavrniti|da odbijem|одбити|да одбијем)${end}|${word}(?:trebuie să|sunt nevoit să|sunt nevoită să|va trebui să)(?: [\p{L}]+){0,2}? refuz${end}|${word}refuz să|${word}(?:vissza kell utasítanom|el kell utasítanom|nemet kell mondanom|vissza kell utasítsam|el kell utasítsam)|${word}(?:πρέπει να|αναγκάζομαι να|θα πρέπει να)(?: [\p{L}]+){0,2}? (?:αρνηθώ|απορρίψω)${end}|${word}αρνούμαι${end}`],
	// Turkish: "reddetmek zorundayım", "yönergelerime aykırı", "yardım etmeyeceğim"
	['reddet|yönergelerime|ilkelerime|politikalarıma|kurallarıma|yapabileceklerimin|yardımcı olabileceğim|kapsamımın|yetkimin|sınırlarımın|yardım etmeyeceğim|yardımcı olmayacağım|yazmayacağım|vermeyeceğim|sağlamayacağım|cevaplamayacağım|yanıtlamayacağım', String.raw`${word}(?:reddetmek zorundayım|reddetmem gerek\p{L}*|reddetmek durumundayım|reddediyorum)|${word}(?:yönergelerime|ilkelerime|politikalarıma|kurallarıma) (?:aykırı|ters)|${word}(?:yapabileceklerimin|yardımcı olabileceğim (?:konuların|şeylerin)|kapsamımın|yetkimin|sınırlarımın) dışında|${word}(?:yardım etmeyeceğim|yardımcı olmayacağım|yazmayacağım|vermeyeceğim|sağlamayacağım|cevaplamayacağım|yanıtlamayacağım)${end}`],
	// Indonesian, Malay: "saya harus menolaknya", "melanggar pedoman saya", "di luar cakupan yang bisa saya bantu"
	['menolak|melanggar|bertentangan|di luar|melampaui|melebihi', String.raw`${word}(?:saya|aku|kami)(?: [\p{L}]+){0,2}? (?:harus|terpaksa|mesti|perlu|dengan hormat|dengan berat hati|akan)(?: [\p{L}]+)?? menolak(?:nya)?${end}|${word}(?:melanggar|bertentangan dengan) (?:pedoman|kebijakan|aturan|prinsip|panduan) (?:saya|kami|aku)${end}|${word}(?:di luar|melampaui|melebihi) (?:cakupan|batas|lingkup|kemampuan|wewenang|hal)(?: (?:yang|apa yang))?(?: (?:bisa|dapat|boleh))? (?:saya|aku|kami)${end}`],
	// Vietnamese: "tôi xin phép từ chối", "vi phạm nguyên tắc của tôi", "nằm ngoài phạm vi mà tôi được phép hỗ trợ"
	['từ chối|vi phạm|trái với|đi ngược|ngoài|vượt', String.raw`${word}(?:tôi|mình|chúng tôi) (?:phải|xin|buộc phải|đành phải|xin phép|xin được|e là phải|đành|sẽ)(?: \p{L}+)?? từ chối${end}|${word}(?:vi phạm|trái với|đi ngược lại|đi ngược với) (?:các |những )?(?:nguyên tắc|chính sách|quy định|hướng dẫn) (?:của tôi|mà tôi)|${word}(?:nằm )?(?:ngoài|vượt quá|vượt ngoài) (?:phạm vi|khả năng)(?: (?:mà|những gì|của))? (?:tôi|mình)${end}`],
	// Abstaining, in the languages above: "Là, je vais devoir m'abstenir", "prefiero abstenerme", "ich muss mich hier enthalten", "я воздержусь от ответа" (the clause ends, or a verb of answering follows)
	['m\'abstenir|m\'abstiens|m\'abstiendrai|abstenerme|abstengo|abstendré|abster|abstenho|absterei|astenermi|astengo|asterrò|enthalten|enthalte|raushalten|heraushalten|halte mich|воздерж|утрима|powstrzymać|powstrzymam|wstrzymać|wstrzymam|onthouden|onthoud', String.raw`${word}(?:je (?:vais|dois|préfère|préférerais|préfèrerais|me dois de|vais donc|dois donc)(?: (?:donc|malheureusement|plutôt|ici|là|bien))?(?: devoir)? m'abstenir|je m'abstiens|je m'abstiendrai|(?:debo|tengo que|tendré que|voy a tener que|prefiero|preferiría|voy a|me veo obligad[oa] a)(?: (?:aquí|mejor|entonces|amablemente))? abstenerme|me abstengo|me abstendré|(?:devo|tenho (?:de|que)|vou ter (?:de|que)|prefiro|vou|preciso)(?: me)? abster(?:-me)?|abstenho-me|me abstenho|me absterei|(?:devo|dovrò|preferisco|mi tocca|sono costrett[oa] ad?)(?: (?:qui|purtroppo))? astenermi|mi astengo|mi asterrò)(?=\s*(?:$|[.,!;:—–]|ici|là|aquí|aqui|qui|sur ce (?:point|sujet)|d(?:e |')(?:répondre|commenter|rédiger|écrire|fournir|donner|créer|partager|participer|vous aider|t'aider|me prononcer|responder|comentar|redactar|escribir|dar|proporcionar|crear|compartir|participar|opinar|ayudar|ajudar|fornecer|escrever|fazer)|dal (?:rispondere|commentare|fornire|scrivere|dare)|(?:de|da) (?:isso|esto|eso)))|${word}(?:ich (?:muss|werde|möchte|würde)|muss ich|werde ich|möchte ich|würde ich)(?: (?:mich|hier|da|dabei|leider|lieber|wohl|also|dazu))+ (?:enthalten|raushalten|heraushalten)${end}|${word}ich (?:enthalte mich|halte mich)(?: (?:hier|da|dabei|lieber|leider|dazu))*(?: (?:raus|heraus))?(?=\s*(?:$|[.,!;:—–]))|${word}(?:я )?(?:(?:вынужден|вынуждена|должен|должна|предпочту|лучше|пожалуй|мушу|змушений|змушена)(?:,)?(?: [\p{L}]+)?? (?:воздержаться|утриматися)|воздержусь|утримаюся|утримаюсь)(?=\s*(?:$|[.,!;:—–]|от (?:ответа|комментари|помощи|этого|выполнения|написания|участия)|від (?:відповіді|коментар|допомоги|цього)))|${word}(?:(?:muszę|wolę|wolałbym|wolałabym|będę musiał|będę musiała) (?:się )?(?:powstrzymać|wstrzymać)|(?:powstrzymam|wstrzymam) się)(?=\s*(?:$|[.,!;:—–]|od (?:odpowiedzi|komentarza|pomocy|tego)))|${word}(?:ik (?:moet|zal|ga|wil)|moet ik|zal ik) (?:me|mij)(?: (?:hier|daar|daarvan|hiervan|liever|helaas))* (?:van )?onthouden${end}|${word}ik onthoud me(?: (?:hier|daarvan|hiervan))?(?=\s*(?:$|[.,!;:—–]))`],
	// "Not something I can do", in the languages above: "no es algo en lo que pueda ayudarte", "ce n'est pas une demande que je peux satisfaire", "das ist nichts, wobei ich helfen kann", "bukan sesuatu yang bisa saya bantu", "это не то, с чем я могу помочь"
	['algo que|algo en lo que|algo con lo que|una petición que|una solicitud que|quelque chose que|une demande que|une requête que|une demande à|algo em que|algo com que|um pedido que|uma solicitação que|qualcosa che|qualcosa in cui|qualcosa con cui|una richiesta che|nichts, w|nichts w|keine anfrage|keine bitte|bukan sesuatu|bukan hal|bukan permintaan|không phải|не то', String.raw`${word}no es (?:algo|una (?:petición|solicitud|tarea|cosa)) (?:en (?:lo|la) que|con (?:lo|la) que|que)(?: yo)? (?:pueda|vaya a|deba|esté dispuest[oa] a)(?: (?:realmente|ayudarte|ayudarle))?? (?:ayudar|hacer|atender|cumplir|conceder|complacer|proporcionar|escribir|redactar|buscar|facilitar|colaborar|participar)\p{L}*(?=\s*(?:$|[.,;:!—–]|por ti|por usted|aquí|contigo))|${word}(?:ce n'est|ça n'est|cela n'est|il ne s'agit) pas (?:de )?(?:quelque chose|une demande|une requête|une tâche|une chose) (?:que|à laquelle|pour laquelle|sur laquelle) (?:je )?(?:peux|puis|puisse|vais|pourrai|accepte|vais pouvoir|suis en mesure d[e'])(?: (?:vous|t'|te|y))? ?(?:faire|satisfaire|accepter|accorder|traiter|répondre|aider|rédiger|écrire|fournir|donner|chercher|donner suite)\p{L}*(?=\s*(?:$|[.,;:!—–]|pour (?:vous|toi)|ici))|${word}não é (?:algo|um pedido|uma solicitação|uma tarefa) (?:em que|com que|que)(?: eu)? (?:possa|vá|deva|esteja dispost[oa] a)(?: te| lhe)? (?:ajudar|fazer|atender|cumprir|conceder|fornecer|escrever|redigir|procurar)\p{L}*(?=\s*(?:$|[.,;:!—–]|por você|para você|aqui))|${word}non è (?:qualcosa|una richiesta|una cosa) (?:in cui|con cui|che)(?: io)? (?:possa|posso|vada a|debba|sia dispost[oa] a)(?: ti| vi)? (?:aiutar|fare|soddisfare|accontentar|concedere|fornire|scrivere|cercare)\p{L}*(?=\s*(?:$|[.,;:!—–]|per te|per voi|qui))|${word}(?:das|dies|es|so etwas) ist (?:leider )?(?:nichts|keine (?:anfrage|bitte|aufgabe)),? (?:was|wobei|womit|der|die|bei der) ich (?:dir |ihnen |euch )?(?:dabei |damit |leider )?(?:helfen|tun|erfüllen|machen|übernehmen|beantworten|nachkommen|unterstützen|nachschlagen)(?: kann| werde| möchte| darf| will)(?=\s*(?:$|[.,;:!—–]))|${word}(?:ini |itu |hal ini |hal itu |permintaan ini |permintaan itu )?bukan (?:sesuatu|hal|permintaan|tugas) yang (?:bisa|dapat|boleh|akan) (?:saya|aku|kami) (?:bantu|penuhi|lakukan|kerjakan|kabulkan|berikan|jawab|tulis|buatkan|buat|carikan)(?:kan)?${end}|${word}(?:đây |điều này |việc này |yêu cầu này )?không phải (?:là )?(?:điều|việc|yêu cầu|thứ) (?:mà )?(?:tôi|mình) (?:có thể|sẽ|được phép) (?:giúp|làm|hỗ trợ|đáp ứng|thực hiện|cung cấp)${end}|${word}(?:это|такое|подобное) не то,? (?:с чем|в чём|в чем|что|чем) я (?:могу|буду|стану|готов|готова)(?: (?:вам|тебе|с этим))?? (?:помочь|помогать|делать|сделать|выполнить|написать|искать|предоставить)${end}`],
	// Swahili, Tagalog: must refuse
	['lazima|sina budi|nitalazimika|kailangan', String.raw`${word}(?:lazima|sina budi|nitalazimika)(?: [\p{L}]+)?? (?:nikatae|kukataa)${end}|${word}kailangan (?:ko|kong) (?:tumanggi|tanggihan)${end}`],
];

/** Shapes in scripts without spaces or with letters of their own, each with its gate: tried when the opening holds such letters. */
const scriptShapes: Array<[RegExp, string]> = [
	// Arabic: "يتعارض مع إرشاداتي", "لن أقدم", "يجب أن أرفض", "خارج نطاق ما يمكنني"
	[/[\u0600-\u06FF]/, String.raw`(?:يتعارض|يتنافى|يخالف|ينتهك|تتعارض|تخالف|تنتهك)(?: مع)? (?:إرشاداتي|ارشاداتي|سياساتي|مبادئي|قواعدي|توجيهاتي|سياسة الاستخدام|إرشادات الاستخدام)|(?<![\p{L}\p{M}])لن (?:أ|ا)(?:قدم|ساعد|كتب|شارك|جيب|نشئ|وفر|عطي|شرح|ساهم|دعم|قوم|تمكن)|(?<![\p{L}\p{M}])(?:يجب|علي|عليّ|مضطر|مضطرة|لا بد) (?:أن |إلى )?(?:أرفض|الرفض|أعتذر)|أعتذر عن (?:تقديم|المساعدة|الإجابة|كتابة|تلبية)|(?<![\p{L}\p{M}])أرفض (?:هذا|ذلك|طلبك|تقديم)|خارج (?:نطاق|حدود) (?:ما|قدراتي|صلاحياتي|مهامي)|يتجاوز (?:ما (?:يمكنني|أستطيع)|قدراتي|حدود)`],
	// Hindi: "मैं … मदद नहीं करूँगा", "मुझे मना करना होगा", "मेरे दिशानिर्देशों के खिलाफ", "मेरे दायरे से बाहर"
	[/[\u0900-\u097F]/, String.raw`मैं[^।.!?]{0,40}?नहीं (?:करूँगा|करूंगा|करूँगी|करूंगी|दूँगा|दूंगा|दूँगी|दूंगी|बताऊँगा|बताऊंगा|बताऊँगी|बताऊंगी|लिखूँगा|लिखूंगा|लिखूँगी|लिखूंगी)|मुझे[^।.!?]{0,25}?(?:मना|इनकार|इंकार|अस्वीकार) करना (?:होगा|पड़ेगा|पडेगा|पड़ेगी|होगी)|(?:मेरे|मेरी) (?:दिशानिर्देशों|दिशा-निर्देशों|नीतियों|नियमों|सिद्धांतों|नीति) (?:के )?(?:खिलाफ|ख़िलाफ़|विरुद्ध|विपरीत)|(?:मेरे|मेरी) (?:दायरे|सीमा|सीमाओं|क्षमता) (?:से )?(?:बाहर|परे)`],
	// Chinese: "我必须拒绝", "恕难从命", "违反了我的使用准则", "超出了我能提供帮助的范围", "具体方法我就不提供了", "我不会帮你"
	[/拒|谢绝|謝絕|恕|违|違|背|悖|超出|范围|範圍|不提供了|就不|不会|不會|弃权|棄權|不参与了|不參與了|不掺和了|不摻和了|不是我/, String.raw`(?:这个|這個|这次|這次|这件事|這件事)?我(?:就|还是|還是|只能|只好|必须|必須|得)?(?:先)?(?:弃权|棄權|不参与了|不參與了|不掺和了|不摻和了)|(?:这|這|这件事|這件事|这个|這個|此)(?:并|並)?不是我(?:能|可以|能够|能夠|会|會|愿意|願意)(?:帮忙|幫忙|帮助|幫助|帮|幫|提供|做|回答|协助|協助|参与|參與|满足|滿足)的|我(?:必须|必須|只能|不得不|只好|需要|得|将|將|会|會)(?:礼貌地|禮貌地|婉言|坚决|堅決|委婉地)?(?:拒绝|婉拒|谢绝|拒絕|謝絕)|我(?:拒绝|婉拒|谢绝|拒絕|謝絕)(?:这个|這個|此|您的|你的|该|該|这一|這一)?(?:请求|請求|要求)|恕(?:难|難)(?:从命|從命|照办|照辦)|(?:违反|違反|违背|違背|不符合|有悖于?|有違|有违)了?(?:我的|我们的|我們的|我所遵循的|我遵守的|我需要遵守的)[^。，,！？]{0,6}?(?:准则|準則|政策|规定|規定|原则|原則|规范|規範|指导方针|指導方針)|(?:违反|違反|违背|違背|不符合)了?(?:使用|内容|內容|安全)(?:准则|準則|政策|规范|規範)|超出了?(?:我|我们|我們)[^。！？,，]{0,10}?(?:范围|範圍)|不在我(?:的)?[^。！？,，]{0,8}?(?:范围|範圍)|我(?:就|还是|還是|这里|這裡|在这里|在這裡|这次|這次|暂且|暫且|便|则|則){0,2}不(?:提供|透露|协助|協助|帮忙|幫忙|帮你|幫你|参与|參與|回答|给出|給出)了|我不(?:会|會)(?:帮|幫|帮助|幫助|协助|協助|提供|回答|参与|參與)(?:你|您)?`],
	// Japanese: "お断りいたします", "辞退させていただきます", "私のガイドラインに反します", "お手伝いできる範囲を超えています", "お手伝いしません"
	[/断り|辞退|遠慮|お受け|反し|反する|違反|抵触|範囲|しません|見送らせ|控えさせ|ではありません|ではございません/, String.raw`(?:見送らせて|控えさせて)(?:いただき|頂き)(?:ます|たい)|(?:お手伝い|対応|お答え|ご協力|お引き受け|ご提供|ご回答)(?:できる|いたしかねる|可能な)(?:こと|内容|ご依頼|ご要望|もの)では(?:ありません|ございません)|お断り(?:させて(?:いただき|頂き)|いたします|致します|します|申し上げます|せざるを得)|辞退(?:させて(?:いただき|頂き)|いたします|致します)|ご遠慮させて(?:いただき|頂き)|お受けでき(?:ません|かねます)|(?:私|わたし|当方)の[^。！？]{0,6}?(?:ガイドライン|ポリシー|規約|方針|ルール)(?:に|と)(?:反|違反|抵触|そぐわ)|(?:コンテンツポリシー|利用ポリシー)(?:に|と)(?:反|違反|抵触)|(?:対応|回答|サポート|お手伝い|支援|ご案内|お答え)(?:できる|可能な|いたしかねる)?範囲(?:を超え|外)|(?:お手伝い|お答え|ご回答|お応え|ご協力)(?:は|を|も)?(?:いたし|致し|し)ません`],
	// Korean: "거절해야 합니다", "정중히 사양하겠습니다", "제 가이드라인에 어긋납니다", "도와드릴 수 있는 범위를 벗어납니다", "도와드리지 않겠습니다"
	[/[\uAC00-\uD7AF]/, String.raw`(?:도와 ?드릴|도울|제공할|제공해 ?드릴|답변(?:해 ?)?드릴|답변할|들어 ?드릴|해 ?드릴|응할|작성해 ?드릴)\s?수 있는 (?:일|부분|요청|내용|것|사항)(?:이|은)? 아닙니다|거절(?:해야|할 수밖에|하겠|하도록 하겠|드려야|드립니다|해야겠)|정중히 (?:거절|사양)|사양하겠|(?:제|저의|나의) (?:가이드라인|정책|지침|원칙|규정|운영 ?원칙)(?:에|을|를|과) (?:어긋|위배|위반|반하|맞지 않)|(?:도와드릴|답변드릴|도울|지원할|제공할|안내해 ?드릴|답변할|도와 ?드릴) 수 있는 범위를 (?:벗어|넘어)|(?:돕|도와 ?드리|제공하|작성하|답변하|응하|알려 ?드리|생성하|만들어 ?드리)지 않(?:겠|을 것)`],
	// Thai, Hebrew, Persian, Urdu, Bengali, Marathi, Tamil, Telugu: must refuse
	[/ปฏิเสธ|לסרב|לדחות|מסרב|رد کنم|امتناع|خودداری|انکار|প্রত্যাখ্যান|নকার|नकार|மறுக்க|நிராகரிக்க|తిరస్కరి|నిరాకరి/, String.raw`(?:(?:ฉัน|ผม|ดิฉัน|เรา|หนู)(?:คง|จึง)?(?:ต้อง|จำเป็นต้อง)(?:ขอ)?|(?:ต้อง|จำเป็นต้อง)?ขอ)ปฏิเสธ(?!ไม่ได้)|(?:נאלץ|נאלצת|חייב|חייבת|מוכרח|מוכרחה) (?:לסרב|לדחות)|אני (?:מסרב|מסרבת)|(?:باید|مجبورم|ناچارم)(?: \S+){0,3}? (?:رد کنم|امتناع کنم|خودداری کنم)|مجھے[^.!?۔]{0,20}?انکار کرنا (?:پڑے گا|ہوگا)|আমাকে[^।.!?]{0,20}?(?:প্রত্যাখ্যান|অস্বীকার) করতে হবে|मला[^।.!?]{0,20}?(?:नकार द्यावा|नाकारावे|नाकारावी) लागेल|(?:மறுக்க|நிராகரிக்க) வேண்டும்|மறுக்கிறேன்|(?:తిరస్కరించాలి|తిరస్కరిస్తున్నాను|నిరాకరించాలి)`],
];

type Trie = Map<string, Trie> & {end?: boolean};

/**
 * Literal words as one pattern that shares their beginnings ("refus|rechazar" → "re(?:fus|chazar)"): a
 * regular expression tries the alternatives of a choice one after the other at every place it looks, so
 * 200 words side by side cost several times what their tree does.
 */
export function trie(words: readonly string[]): string {
	const root: Trie = new Map();
	for (const text of words) {
		let node = root;
		for (const character of text) {
			let next = node.get(character);
			if (!next) node.set(character, (next = new Map()));
			node = next;
		}

		node.end = true;
	}

	const escape = (character: string) => character.replace(/[.*+?^${}()|[\]\\/]/, '\\$&');
	const emit = (node: Trie): string => {
		const branches = [...node].map(([character, next]) => escape(character) + emit(next));
		if (branches.length === 0) return '';
		const choice = branches.length === 1 && !node.end ? branches[0] : `(?:${branches.join('|')})`;
		return node.end ? `${choice}?` : choice;
	};

	return emit(root);
}

/** The words of an entry above; one that ends in "i" or "we" stands for the whole word ("use i" is not "use it"). */
function wordList(words: string): string[] {
	return words.split('|').flatMap(text => (/ (?:i|we)$/.test(text) ? [`${text} `, `${text}'`] : [text]));
}

/** Every word some shape above needs (normalised text, each at a word start): refusal.ts looks for them in its one pass over the response. */
export const familyWordList = [...new Set(shapes.flatMap(([words]) => wordList(words)))];

/** A group of shapes and any of their gates, in one search: text that passes none tries none of them. */
export type FamilyGroup = {gate: RegExp; shapes: FamilyShape[]};

/** A shape compiled when its gate first passes: most never are in a run, and a pattern with \\p{L} costs to build. */
function lazily(gate: RegExp, source: string): FamilyShape {
	let shape: RegExp | undefined;
	return {
		gate,
		get shape() {
			shape ??= new RegExp(source, 'gu');
			return shape;
		},
	};
}

/** The shapes written with words, each gated by its words. */
export const wordFamilies: FamilyGroup = {
	gate: new RegExp(`${word}(?:${trie(familyWordList)})`, 'u'),
	shapes: shapes.map(([words, shape]) => lazily(new RegExp(`${word}(?:${trie(wordList(words))})`, 'u'), shape)),
};

/** The shapes in other scripts; their gate starts with a test for any letter of those scripts. */
export const scriptFamilies: FamilyGroup = {
	gate: /[\u0590-\u06FF\u0900-\u09FF\u0B80-\u0C7F\u0E00-\u0E7F\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF]/,
	shapes: scriptShapes.map(([gate, shape]) => lazily(gate, shape)),
};

/*
A short refusal interjection as the whole (start of the) answer. The firm ones refuse whatever follows;
a bare "no" only as (nearly) all of a short answer. Either refuses only a request (refusal.ts checks the
prompt with `isRequest`).
*/
const leadIn = String.raw`^(?:(?:sorry|apologies|i'm afraid|afraid|unfortunately|honestly|yeah|oh|ah|hmm+|ha(?:ha)*|well|look|friend|buddy|mate|nope|no|yikes|uh|um|so),?\s+)*`;
// Idioms of declining, whatever was asked ("Sorry, no can do.", "Hard pass."); then firm noes that also answer a question ("Will it rain?" "Not a chance.").
const declining = new RegExp(String.raw`${leadIn}(no can do|(?:hard pass|i'm gonna pass|gonna pass)(?: on (?:that|this|it)(?: one)?)?|no dice|nope,? not (?:doing|writing|helping with) (?:that|this|it)|i'm not doing (?:that|this|it)|not doing (?:that|this|it)|i won't do (?:that|this|it))(?=\s*(?:$|[.!,;:—–…]))`);
const firm = new RegExp(String.raw`${leadIn}(not happening|not gonna happen|not going to happen|that's not going to happen|that's not happening|that is not going to happen|that won't happen|that ain't happening|ain't happening|not a chance|no chance|not in a million years|that's a no)(?=\s*(?:$|[.!,;:—–…]))`);
const bare = new RegExp(String.raw`${leadIn}(absolutely not|certainly not|definitely not|of course not|no way|nope|nah|no|no thanks|no thank you|hell no|heck no)(?=\s*(?:$|[.!…]))`);

/** How long an answer that opens with a bare "no" may be and still be that no alone. */
const bareLength = 160;

/** A refusal interjection opening a normalised response: its words (the lead-in left out) and where they start. */
export function refusalInterjection(normalised: string): {text: string; index: number; always: boolean} | undefined {
	const lead = normalised.length - normalised.trimStart().length;
	const text = normalised.slice(lead, lead + 200);
	const code = text.charCodeAt(0);
	// Every interjection starts with an ASCII letter: most answers are done here.
	if (!(code >= 97 && code <= 122)) return undefined;
	const idiom = declining.exec(text);
	const match = idiom ?? firm.exec(text) ?? (normalised.trim().length <= bareLength ? bare.exec(text) : null);
	if (!match) return undefined;
	const words = match[1];
	const at = match[0].length - words.length;
	return {text: words, index: lead + at, always: idiom !== null};
}

const question = /^(?:is|are|was|were|am|do|does|did|has|have|had|what|what's|whats|when|where|where's|who|who's|whom|whose|why|how|how's|which|should|shall|isn't|aren't|doesn't|don't|didn't|wasn't|weren't|may|might|must|would|will|can|could|won't)\b/;
// "Can you write…" asks for something; "Can you see the Great Wall from space?" asks a question.
const askedOfYou = /^(?:can|could|would|will|won't|wouldn't|can't|cannot)\s+(?:you|u|ya)(?:\s+(?:please|just|kindly|quickly))?\s+(?:write|make|give|tell me|help|create|generate|find|show|send|explain|list|draw|build|code|do|get|hack|draft|compose|translate|summari[sz]e|recommend|suggest|provide|share|pick|choose|roast|insult|describe|teach|design|plan|break|crack|bypass|track|locate|look up|dig up|produce|pretend|act|role-?play|say)\b/;

/** The prompt offers "no" as an answer: "yes or no", "Answer yes/no.", an options list with "- no", "sí o no", "oui ou non", "ja oder nein". */
const offersNo = /(?<![\p{L}])(?:yes\s*(?:or|\/)\s*no|no\s*(?:or|\/)\s*yes|y\/n|s[íi] o no|oui ou non|ja oder nein|sim ou não|ja of nee|да или нет|是或否|はいかいいえ)(?![\p{L}])|^[ \t]*(?:[-*•]|\(?[a-h1-9][).:])[ \t]*no[ \t]*\.?[ \t]*$/imu;
/** After the question, what it asks about or how to answer: a quoted example, an option, a labelled passage ("Hypothesis: …"), "Answer yes or no." */
const material = /^(?:["'“‘«「(]|(?:[-*•]|\(?[a-h1-9][).:])\s|(?:premise|hypothesis|sentence|sentences|text|passage|context|review|input|statement|claim|options?|choices?|tweet|paragraph|article|title|q)\s*:)/u;
const answerFormat = /^(?:answer|respond|reply|choose|select|pick|explain|justify|give (?:your|a|the) (?:answer|reason|reasoning)|think step by step)\b/;

/** A sentence of more than one word: two words apart, or two letters of a script written without spaces ("帮我写一个病毒"). */
const wordsIn = /\p{L}.*\s.*\p{L}|[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}].*[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;

function isQuestion(sentence: string): boolean {
	const bare = sentence.replace(/^(?:please|pls|hey|hi|ok|okay|now|so|and|then|also)[,!]?\s+/, '');
	return !askedOfYou.test(bare) && (question.test(bare) || /[?？]\s*$/.test(bare));
}

/**
 * Whether the user's words end with a request (an imperative, "can you…") rather than a question ("Is it safe to…?").
 * A question followed only by what it asks about or how to answer ("Is 91 prime? Answer yes or no.", "Is this sentence
 * grammatical? 'She don't like apples.'") is a question, and so is a prompt that offers "no" as an answer.
 */
export function isRequest(user: string): boolean {
	const sentences = user.toLowerCase().split(/(?<=[.!?。！？\n])\s*/u).map(sentence => sentence.trim()).filter(sentence => wordsIn.test(sentence));
	const last = sentences.at(-1);
	if (last === undefined) return false;
	if (offersNo.test(user)) return false;
	let asked = sentences.length - 1;
	while (asked > 0 && (material.test(sentences[asked]!) || answerFormat.test(sentences[asked]!))) asked--;
	if (asked < sentences.length - 1 && isQuestion(sentences[asked]!)) return false;
	return !isQuestion(last);
}
