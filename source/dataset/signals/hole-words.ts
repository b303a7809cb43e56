/*
The words a template hole is made of, in many languages: the kinds of value a writer is meant to fill in
(name, date, company, address …) and the words a hole starts with (Your …, Insert …, Enter …). A hole
is a short noun phrase, so these are nouns and instructions, not every word of a language.
*/

/** Nouns naming a kind of value, lower case, whole words (spaced scripts). */
const nounList = [
	// English
	'name names firstname lastname surname fullname username nickname date dates birthday deadline address addresses email e-mail mail phone telephone mobile',
	'number company business employer organization organisation organisation\'s company\'s title city town state country region location venue street zip zipcode postcode',
	'amount price cost fee salary budget total percentage percent statistic statistics stat figure figures value quantity duration time year month day',
	'url link website site domain handle product brand service role position job department team manager recipient recipient\'s customer customer\'s client client\'s',
	'school university college degree major industry field topic event signature sender reference source citation quote',
	// Spanish, Portuguese, Italian, French, Catalan
	'nombre apellido fecha dirección direccion correo teléfono telefono empresa compañía compania ciudad país pais cargo puesto número numero cantidad precio firma producto',
	'nome sobrenome data endereço endereco telefone cidade valor preço preco assinatura produto cognome indirizzo telefono azienda società città paese ruolo importo prezzo',
	'nom prénom prenom adresse courriel téléphone entreprise société societe ville poste numéro montant prix produit destinataire',
	// German, Dutch, Scandinavian, Finnish, Polish, Czech, Hungarian, Turkish, Indonesian, Vietnamese
	'vorname nachname datum anschrift telefonnummer firma unternehmen stadt ort betrag preis unterschrift empfänger naam bedrijf adres stad bedrag handtekening',
	'namn navn dato datum firma företag bedrift stad adress adresse nimi päivämäärä yritys osoite imię imie nazwisko adres miasto stanowisko jméno jmeno firma datum',
	'név dátum cég cím isim adı soyad soyadı tarih adres şirket şehir telefon nama tanggal alamat perusahaan kota nomor telepon jabatan tên ngày địa chỉ công ty',
	// Hindi, Bengali, Arabic, Persian, Hebrew (Arabic also without its article, see nounOf)
	'नाम तारीख तिथि दिनांक पता कंपनी शहर फ़ोन फोन नंबर पद ईमेल संख्या राशि संस्था নাম তারিখ ঠিকানা কোম্পানি',
	'اسم تاريخ عنوان شركة مدينة رقم هاتف بريد منصب مبلغ نام تاریخ آدرس شرکت שם תאריך כתובת חברה',
	// Greek
	'όνομα ονομα επώνυμο ημερομηνία διεύθυνση εταιρεία πόλη τηλέφωνο',
	// Russian and Ukrainian abbreviations for a full name (ФИО, ПІБ), Swahili, Tagalog, Romanian
	'фио піб jina tarehe anwani kampuni pangalan petsa tirahan kumpanya nume numele prenume adresa adresă compania firma oraș data',
];
const nouns = new Set(nounList.join(' ').split(' '));

/** Stems of nouns in languages that inflect them ([Имя], [имени], [компании], [назва]): a word starting with one. */
const stems = ['имя', 'имен', 'фамили', 'отчеств', 'дата', 'даты', 'дату', 'адрес', 'почт', 'телефон', 'компани', 'организаци', 'город', 'стран', 'должност', 'номер', 'сумм', 'цен', 'назван', 'подпис', 'получател', 'клиент', 'заказчик', 'ім\'я', 'імені', 'прізвищ', 'назва', 'компані', 'місто', 'адреса'];

/** Compounds that end in a noun ([Firmenname], [Telefonnummer], [bedrijfsnaam], [CompanyName] once split). */
const compoundEnds = ['name', 'namn', 'naam', 'navn', 'nummer', 'number', 'datum', 'adresse', 'address'];
const notCompounds = new Set(['rename', 'renumber', 'codename']);

/**
 * Nouns in scripts written without spaces. Chinese, Japanese and Korean put the head noun last (客户姓名,
 * 会社名, 회사명: a heading such as 公司简介 "company profile" is not a hole), Thai first (ชื่อบริษัท).
 */
const headLast = ['姓名', '名字', '名称', '名稱', '日期', '地址', '公司', '城市', '电话', '電話', '邮箱', '郵箱', '电子邮件', '邮件地址', '职位', '職位', '金额', '金額', '号码', '號碼', '客户', '客戶', '收件人', '时间', '時間',
	'名前', 'お名前', '氏名', '会社名', '日付', '住所', '電話番号', 'メールアドレス', '役職', '宛名', '이름', '성명', '회사명', '고객명', '날짜', '주소', '회사', '전화번호', '이메일', '직책', '금액'];
const headFirst = ['ชื่อ', 'วันที่', 'ที่อยู่', 'บริษัท', 'เบอร์'];

/** Words a hole starts with: "Your …", "Insert …", "Enter …", in many languages (another word must follow). */
const leadList = [
	'your insert enter add fill paste specify provide include',
	'tu tus su sus inserte insertar introduce introduzca ingrese ingresa añadir añade agregue agregar escriba escribe indique coloque',
	'votre vos ton ta tes insérer insérez inserer ajouter ajoutez indiquer indiquez entrez saisir saisissez',
	'ihr ihre ihren ihrem ihres dein deine deinen einfügen eingeben',
	'seu sua seus suas inserir insira adicionar adicione digite informe tuo tua tuoi vostro vostra inserire inserisci aggiungi aggiungere scrivi indicare',
	'uw jouw invoegen voeg din ditt dina dit ihre twoje twój twoja wpisz wstaw podaj masukkan tambahkan nhập chèn điền',
	'ваш ваша ваше ваши вашего вашей вашу вставьте вставить укажите указать введите добавьте впишите вкажіть',
	'आपका आपकी आपके अपना अपनी यहाँ यहां أدخل ادخل',
];
const leads = new Set(leadList.join(' ').split(' '));
/** Leads in scripts without spaces, at the start of the text. */
const unspacedLeads = ['输入', '填写', '填入', '插入', '您的', '你的', '请填写', '请输入', '在此', 'ここに', 'あなたの', '貴社', '御社', '귀하의', '당신의', '여기에'];

const wordPattern = /[\p{L}\p{M}\p{N}'’-]+/gu;

/** A word's lower-case form for the lists: curly apostrophe made straight, Arabic article taken off. */
function nounOf(word: string): string {
	const lower = word.toLowerCase().replace(/’/g, '\'');
	return lower.length > 3 && lower.startsWith('ال') ? lower.slice(2) : lower;
}

/** The words of a hole's text, camelCase and snake_case split (CompanyName, COMPANY_NAME). */
export function holeWordsOf(text: string): string[] {
	return (text.replace(/([\p{Ll}])([\p{Lu}])/gu, '$1 $2').replace(/_/g, ' ').match(wordPattern) ?? []).map(nounOf);
}

export function isHoleNoun(word: string): boolean {
	if (nouns.has(word) || nouns.has(nounOf(word))) return true;
	if (stems.some(stem => word.startsWith(stem))) return true;
	return !notCompounds.has(word) && compoundEnds.some(end => word.length >= end.length + 3 && word.endsWith(end));
}

/** Does a short text name a kind of value (in any of the languages above)? */
export function namesAValue(text: string, words: readonly string[] = holeWordsOf(text)): boolean {
	if (words.some(word => isHoleNoun(word))) return true;
	const trimmed = text.trim();
	return headLast.some(noun => trimmed.endsWith(noun)) || headFirst.some(noun => trimmed.startsWith(noun));
}

/** Does a short text start with a hole's lead word ("Your", "Insert", "Introduzca", "Ваше", "请输入") and go on? */
export function startsLikeAHole(text: string, words: readonly string[] = holeWordsOf(text)): boolean {
	if (words.length >= 2 && leads.has(words[0]!)) return true;
	const start = text.trimStart();
	return unspacedLeads.some(lead => start.startsWith(lead) && start.length > lead.length);
}
