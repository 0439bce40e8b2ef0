"""Italian for every English message of the pages (see service.web.i18n); a test keeps it complete."""

ITALIAN: dict[str, str] = {
    # layout and navigation
    "Skip to the content": "Vai al contenuto", "Main menu": "Menu principale", "Sections": "Sezioni", "Pages": "Pagine",
    "Search openings": "Cerca posizioni", "Sign in": "Accedi", "Sign out": "Esci", "Register": "Registrati",
    "My matches": "Posizioni per me", "My applications": "Le mie candidature", "My profile": "Il mio profilo",
    "Our positions": "Le nostre posizioni", "New position": "Nuova posizione", "Import": "Importa", "Dashboard": "Cruscotto",
    "API documentation": "Documentazione delle API",
    "Previous": "Precedenti", "Next": "Successive", "{first}–{last} of {total}": "{first}–{last} di {total}",
    "Back to the start": "Torna all'inizio", "Cancel": "Annulla", "Something went wrong": "Qualcosa non ha funzionato",
    "Not found": "Non trovato", "Not allowed": "Non consentito", "(not given)": "(non indicato)", "Any": "Qualsiasi",
    "Please correct the following:": "Correggi quanto segue:", "Optional": "Facoltativo",
    # home and accounts
    "Research jobs in the innovation ecosystem": "Lavoro nella ricerca nell'ecosistema dell'innovazione",
    "Universities, research centres and companies of the ecosystem are hiring: PhD grants, postdocs, researchers, technologists and R&D jobs.":
        "Università, centri di ricerca e imprese dell'ecosistema assumono: borse di dottorato, postdoc, ricercatori, tecnologi e posti in R&S.",
    "What would you like to work on?": "Su cosa vorresti lavorare?",
    "In Italian or English, e.g. 'machine learning for robotics'": "In italiano o in inglese, ad es. 'apprendimento automatico per la robotica'",
    "Candidates": "Candidati", "Keep one profile and see the openings that fit you, with the reasons.":
        "Un solo profilo per vedere le posizioni adatte a te, con le ragioni.",
    "HR offices and the hub": "Uffici del personale e hub",
    "Post positions, rank candidates, follow hiring across the ecosystem.":
        "Pubblica posizioni, ordina i candidati, segui le assunzioni in tutto l'ecosistema.",
    "Email": "Email", "Password": "Password", "New here?": "Prima volta qui?", "Register as a candidate": "Registrati come candidato",
    "Wrong email or password.": "Email o password errate.", "Full name": "Nome e cognome", "At least 8 characters": "Almeno 8 caratteri",
    "I agree that ecotalent keeps my profile to match me with openings. I can export or erase it at any time.":
        "Acconsento che ecotalent conservi il mio profilo per propormi posizioni adatte. Posso esportarlo o cancellarlo in qualsiasi momento.",
    "Create my account": "Crea il mio account",
    # sessions, password reset, throttling and anti-forgery
    "Too many attempts: try again in {minutes} minutes.": "Troppi tentativi: riprova tra {minutes} minuti.",
    "An account with this email exists already: sign in, or reset your password if you forgot it.":
        "Esiste già un account con questa email: accedi, oppure reimposta la password se l'hai dimenticata.",
    "Forgot your password?": "Password dimenticata?", "Send me a link": "Inviami un link", "Enter your email.": "Inserisci la tua email.",
    "If an account has this email, a link to choose a new password is on its way to it. The link works once, within an hour.":
        "Se esiste un account con questa email, vi stiamo inviando un link per scegliere una nuova password. Il link vale una volta sola, entro un'ora.",
    "Choose a new password": "Scegli una nuova password", "New password": "Nuova password",
    "Save the new password": "Salva la nuova password", "Ask for a new link": "Chiedi un nuovo link",
    "Every session of your account will end: sign in again with the new password.":
        "Tutte le sessioni del tuo account verranno chiuse: accedi di nuovo con la nuova password.",
    "This link is unknown, used already or expired: ask for a new one.":
        "Questo link è sconosciuto, già usato o scaduto: chiedine uno nuovo.",
    "Your password is changed: sign in with the new one.": "La password è cambiata: accedi con quella nuova.",
    "This form has expired or did not come from this site: go back, reload the page and send it again.":
        "Questo modulo è scaduto o non proviene da questo sito: torna indietro, ricarica la pagina e invialo di nuovo.",
    "Only a candidate can open this page.": "Solo un candidato può aprire questa pagina.",
    "Only an HR officer can open this page.": "Solo un addetto dell'ufficio del personale può aprire questa pagina.",
    "Only the hub office can open this page.": "Solo l'ufficio dell'hub può aprire questa pagina.",
    # form errors
    "This field is required.": "Campo obbligatorio.", "This is too long.": "Testo troppo lungo.",
    "Choose one of the options.": "Scegli una delle opzioni.", "Enter a number.": "Inserisci un numero.",
    "Enter a whole number.": "Inserisci un numero intero.", "Enter a number above {gt}.": "Inserisci un numero maggiore di {gt}.",
    "Enter a number of at least {ge}.": "Inserisci un numero non inferiore a {ge}.",
    "Enter a number of at most {le}.": "Inserisci un numero non superiore a {le}.",
    "Enter a number below {lt}.": "Inserisci un numero minore di {lt}.", "Enter a date.": "Inserisci una data.",
    "This does not have the expected format.": "Il formato non è quello atteso.", "Too many entries.": "Troppe voci.",
    "Type at least two characters.": "Scrivi almeno due caratteri.",
    # candidate profile
    "Welcome! Fill in your profile: the more you tell, the better the matches.":
        "Benvenuto! Compila il profilo: più racconti di te, migliori saranno le proposte.",
    "Profile saved. Your matches are updated within a minute.": "Profilo salvato. Le posizioni per te si aggiornano entro un minuto.",
    "About you": "Chi sei", "Contact email": "Email di contatto", "Phone": "Telefono", "Headline": "In una riga",
    "One line, e.g. 'Postdoc in computer vision'": "Una riga, ad es. 'Postdoc in visione artificiale'",
    "CV": "CV", "Paste your CV as text; English gives the best matches": "Incolla il CV come testo; in inglese le proposte sono migliori",
    "Skills": "Competenze", "Separated by commas": "Separate da virgole", "Research fields": "Settori di ricerca",
    "Career stage": "Profilo di carriera", "Highest degree": "Titolo più alto", "Years of experience": "Anni di esperienza",
    "Languages": "Lingue", "Language": "Lingua", "Level": "Livello", "Two-letter code, e.g. it, en": "Codice di due lettere, ad es. it, en",
    "Where you are and where you would go": "Dove sei e dove andresti", "Nationality": "Cittadinanza",
    "Two-letter country code, e.g. IT, DE": "Codice paese di due lettere, ad es. IT, DE", "Country you live in": "Paese in cui vivi",
    "Two-letter country code": "Codice paese di due lettere", "Region (in Italy)": "Regione (in Italia)",
    "Regions you would move to": "Regioni in cui ti trasferiresti", "Remote work": "Lavoro a distanza",
    "Expected salary (EUR gross a year)": "Retribuzione attesa (EUR lordi l'anno)", "Available from": "Disponibile dal",
    "Where you lived and worked": "Dove hai vissuto e lavorato",
    "The last three years are enough. The hub counts, anonymously, how many people the ecosystem attracts from other regions and abroad.":
        "Bastano gli ultimi tre anni. L'hub conta, in forma anonima, quante persone l'ecosistema attrae da altre regioni e dall'estero.",
    "Lived or worked": "Vissuto o lavorato", "Country": "Paese", "From": "Dal", "To": "Al", "Empty if it goes on": "Vuoto se in corso",
    "For the ecosystem's equality figures (optional)": "Per i dati sulle pari opportunità dell'ecosistema (facoltativo)",
    "Gender": "Genere", "Year of birth": "Anno di nascita", "Save my profile": "Salva il profilo", "Your data": "I tuoi dati",
    "Download everything ecotalent holds about you, or erase your profile and account.":
        "Scarica tutto ciò che ecotalent conserva su di te, o cancella profilo e account.",
    "Export my data (JSON)": "Esporta i miei dati (JSON)", "Erase my profile": "Cancella il mio profilo",
    "Erase your profile and account?": "Cancellare profilo e account?",
    "Your profile, CV and account are deleted for good. Your applications remain only as anonymous counts.":
        "Profilo, CV e account vengono cancellati per sempre. Le candidature restano solo come conteggi anonimi.",
    "Erase everything": "Cancella tutto", "Type {word} to confirm.": "Scrivi {word} per confermare.",
    "Your data is erased": "I tuoi dati sono cancellati",
    "Your profile and account are gone. Thank you for using ecotalent.": "Profilo e account non esistono più. Grazie di aver usato ecotalent.",
    # matches and search
    "Openings that fit you": "Posizioni adatte a te", "Words": "Parole", "Contract": "Contratto", "Research field": "Settore di ricerca",
    "Region": "Regione", "Work": "Modalità di lavoro", "Minimum salary (EUR gross a year)": "Retribuzione minima (EUR lordi l'anno)",
    "Show openings": "Mostra le posizioni",
    "Type what you would like to work on, then choose Show openings.": "Scrivi su cosa vorresti lavorare, poi scegli Mostra le posizioni.",
    "Your profile is being read; matches on its meaning appear within a minute. Reload the page then.":
        "Stiamo leggendo il tuo profilo; le proposte sul suo significato arrivano entro un minuto. Ricarica allora la pagina.",
    "To fit better:": "Per essere più adatto:",
    "No openings fit your profile and filters yet. Add skills and research fields to your profile, or remove a filter.":
        "Ancora nessuna posizione adatta a profilo e filtri. Aggiungi competenze e settori al profilo, o togli un filtro.",
    "Edit my profile": "Modifica il profilo", "No openings found. Try other words or remove a filter.":
        "Nessuna posizione trovata. Prova altre parole o togli un filtro.",
    "{total} openings, best fit first": "{total} posizioni, le più adatte prima", "deadline {date}": "scadenza {date}",
    "Salary:": "Retribuzione:", "gross a year": "lordi l'anno", "fit": "di affinità", "Why this score": "Perché questo punteggio",
    "Each line adds its points to the score; competition for the post takes some away when many candidates want it.":
        "Ogni riga aggiunge i suoi punti al punteggio; la concorrenza per il posto ne toglie quando molti candidati lo vogliono.",
    "Matching skills:": "Competenze in comune:", "Missing skills:": "Competenze mancanti:", "expected": "attesa",
    "you expect": "tu ti aspetti", "Location:": "Sede:",
    # a position
    "Deadline": "Scadenza", "Openings": "Posti", "Pay": "Retribuzione",
    "Posted: {amount} {period}, {basis}": "Indicata nel bando: {amount} {period}, {basis}",
    "The same pay as comparable yearly figures (upper end of a range)": "La stessa retribuzione in cifre annue confrontabili (estremo superiore di un intervallo)",
    "Gross a year to the person": "Lordo annuo alla persona", "Gross a year if full time": "Lordo annuo a tempo pieno",
    "Cost a year to the employer": "Costo annuo per l'ente", "Share of full time": "Quota di tempo pieno",
    "The call does not state the pay.": "Il bando non indica la retribuzione.", "The position": "La posizione",
    "Skills asked for:": "Competenze richieste:", "Research fields:": "Settori di ricerca:", "Languages:": "Lingue:",
    "Work:": "Lavoro:", "{months} months": "{months} mesi",
    "You applied on {date}; the application is now: {stage}.": "Ti sei candidato il {date}; ora la candidatura è: {stage}.",
    "Apply": "Candidati", "Cover letter": "Lettera di presentazione",
    "Optional: why this position, in a few lines": "Facoltativa: perché questa posizione, in poche righe",
    "Send my application": "Invia la candidatura", "Sign in to apply": "Accedi per candidarti",
    "Manage this position": "Gestisci questa posizione",
    "Your application is sent. You can follow it under My applications.": "Candidatura inviata. Puoi seguirla in Le mie candidature.",
    "This position does not exist or is not visible to you.": "Questa posizione non esiste o non è visibile per te.",
    # applications
    "You have not applied yet. Look at the openings that fit you and apply from an opening's page.":
        "Non ti sei ancora candidato. Guarda le posizioni adatte a te e candidati dalla pagina di una posizione.",
    "Position": "Posizione", "Institution": "Ente", "Applied on": "Candidatura del", "Stage": "Fase", "Actions": "Azioni",
    "starts {date}": "inizio {date}", "Withdraw": "Ritira", "Withdraw your application?": "Ritirare la candidatura?",
    "This application does not exist or is not yours.": "Questa candidatura non esiste o non è tua.",
    "This application does not exist or is not visible to you.": "Questa candidatura non esiste o non è visibile per te.",
    # HR
    "Import from a file": "Importa da un file", "Status": "Stato", "Filter": "Filtra",
    "No positions with this status.": "Nessuna posizione in questo stato.",
    "Your institution has no positions yet. Post one, or import a file of them.":
        "Il tuo ente non ha ancora posizioni. Pubblicane una, o importane un file.",
    "Edit the position": "Modifica la posizione", "The call, in Italian and English": "Il bando, in italiano e in inglese",
    "Give at least one title and one description. The national portal and EURAXESS ask for both languages.":
        "Indica almeno un titolo e una descrizione. Il portale nazionale ed EURAXESS chiedono entrambe le lingue.",
    "Title (Italian)": "Titolo (italiano)", "Title (English)": "Titolo (inglese)", "Description (Italian)": "Descrizione (italiano)",
    "Description (English)": "Descrizione (inglese)", "Skills asked for": "Competenze richieste",
    "Settore concorsuale": "Settore concorsuale", "e.g. 09/H1": "ad es. 09/H1", "SSD": "SSD", "e.g. ING-INF/05": "ad es. ING-INF/05",
    "Degree asked for": "Titolo richiesto", "Years of experience asked for": "Anni di esperienza richiesti",
    "Contract and pay": "Contratto e retribuzione", "Duration (months)": "Durata (mesi)", "Hours a week": "Ore settimanali",
    "Salary from (EUR)": "Retribuzione da (EUR)", "Salary up to (EUR)": "Retribuzione fino a (EUR)", "Per": "Per",
    "Amount is": "L'importo è", "Monthly payments a year": "Mensilità l'anno",
    "Check the salary against the ecosystem": "Confronta la retribuzione con l'ecosistema",
    "Place, dates and funding": "Sede, date e finanziamento", "City": "Città", "Opens on": "Apertura", "Empty: today": "Vuoto: oggi",
    "Open: candidates can apply": "Aperta: i candidati possono candidarsi", "Funding programme": "Programma di finanziamento",
    "e.g. PNRR M4C2 I1.5": "ad es. PNRR M4C2 I1.5", "Mission": "Missione", "Spoke": "Spoke",
    "Save the position": "Salva la posizione", "Saved.": "Salvato.", "Ranked candidates": "Candidati in ordine di affinità",
    "Applications": "Candidature", "Edit": "Modifica", "See it as candidates do": "Vedila come i candidati", "Close": "Chiudi",
    "Close this position?": "Chiudere questa posizione?", "Close the position": "Chiudi la posizione",
    "Candidates can no longer apply. Applications already received stay in the pipeline.":
        "Nessuno potrà più candidarsi. Le candidature già ricevute restano nel processo di selezione.",
    "Salary check": "Verifica della retribuzione",
    "Comparable posts in the ecosystem pay {low} to {high} gross a year full time (median {median}); the range holds 80% of them.":
        "Le posizioni confrontabili dell'ecosistema pagano da {low} a {high} lordi l'anno a tempo pieno (mediana {median}); l'intervallo ne contiene l'80%.",
    "Suggested range: {low} – {high}": "Intervallo consigliato: {low} – {high}",
    "The posted pay is in line with the ecosystem.": "La retribuzione indicata è in linea con l'ecosistema.",
    "The position is being read; matches on its meaning appear within a minute. Reload the page then.":
        "Stiamo leggendo la posizione; i candidati per significato arrivano entro un minuto. Ricarica allora la pagina.",
    "No candidates fit this position yet. Widen it (skills, career stage, region) or wait for new profiles.":
        "Ancora nessun candidato adatto. Allarga i requisiti (competenze, profilo di carriera, regione) o attendi nuovi profili.",
    "{total} candidates, best fit first": "{total} candidati, i più adatti prima",
    "{years} years of experience": "{years} anni di esperienza",
    "No applications yet. Look at the ranked candidates and invite the best to apply.":
        "Ancora nessuna candidatura. Guarda i candidati in ordine di affinità e invita i migliori a candidarsi.",
    "(erased)": "(cancellato)", "Move to": "Sposta a", "Start date (for a hire)": "Data di inizio (per un'assunzione)",
    "Note": "Nota", "Record the hire?": "Registrare l'assunzione?", "Reject the application?": "Respingere la candidatura?",
    "Record the hire": "Registra l'assunzione", "Reject": "Respingi",
    "This is final: the application cannot change afterwards.": "È definitivo: la candidatura non potrà più cambiare.", "Move": "Sposta", "Import positions": "Importa posizioni",
    "{created} of {received} positions imported.": "{created} posizioni importate su {received}.",
    "Nothing was imported: {rejected} of {received} rows have problems. Correct them and upload the file again.":
        "Non è stato importato nulla: {rejected} righe su {received} hanno problemi. Correggile e carica di nuovo il file.",
    "No row could be imported.": "Nessuna riga è stata importata.", "Rows with problems": "Righe con problemi",
    "Row": "Riga", "Problems": "Problemi", "File": "File",
    "CSV with a header row of field names (lists separated by ';', languages as en:C1;it:B2), or a JSON list of positions":
        "CSV con una riga di intestazione con i nomi dei campi (liste separate da ';', lingue come en:C1;it:B2), o un elenco JSON di posizioni",
    "If some rows have problems": "Se alcune righe hanno problemi",
    "Import nothing, and list the problems": "Non importare nulla ed elenca i problemi",
    "Import the good rows, and list the others": "Importa le righe corrette ed elenca le altre",
    "Choose a CSV or JSON file to import.": "Scegli un file CSV o JSON da importare.",
    # hub
    "Hub dashboard": "Cruscotto dell'hub", "Hiring gap": "Posti non coperti", "Allocation": "Allocazione", "Salaries": "Retribuzioni",
    "Attracted talent": "Talenti attratti", "Impact indicators": "Indicatori di impatto", "Break down by": "Suddividi per",
    "Show": "Mostra", "From {start} to {end}": "Dal {start} al {end}", "Openings opened": "Posti aperti", "Hires": "Assunzioni",
    "Fill rate": "Tasso di copertura", "Unfilled past the deadline": "Scoperti oltre la scadenza",
    "Vacant openings now": "Posti vacanti ora", "Openings per active candidate": "Posti per candidato attivo",
    "Applicants per opening": "Candidature per posto", "Median days to fill": "Giorni mediani per coprire",
    "Openings, hires and unfilled posts by month": "Posti aperti, assunzioni e posti scoperti per mese",
    "{n} values under 5 people are hidden": "{n} valori sotto le 5 persone sono nascosti", "By {cut}": "Per {cut}",
    "No positions in this period.": "Nessuna posizione nel periodo.",
    "Counts of people under 5, and rates built on them, are hidden (–).":
        "I conteggi di persone sotto 5, e i tassi calcolati su di essi, sono nascosti (–).",
    "Matches the active candidates to the vacant openings across the whole ecosystem, filling as many as possible with the best fit, and says why the rest stay unfilled.":
        "Abbina i candidati attivi ai posti vacanti di tutto l'ecosistema, coprendone il più possibile con la migliore affinità, e spiega perché gli altri restano scoperti.",
    "What if every salary rose by (%)": "Se tutte le retribuzioni crescessero del (%)",
    "What if candidates abroad would move anywhere in the ecosystem": "Se i candidati all'estero si trasferissero ovunque nell'ecosistema",
    "Run the allocation": "Esegui l'allocazione", "Vacant openings": "Posti vacanti", "Filled by the allocation": "Coperti dall'allocazione",
    "Active candidates": "Candidati attivi", "Mean fit": "Affinità media", "Openings left unfilled, and why": "Posti che restano scoperti, e perché",
    "By reason": "Per motivo", "Positions with openings left unfilled": "Posizioni con posti scoperti", "Why": "Perché",
    "Every vacant opening can be filled by an active candidate who fits it.": "Ogni posto vacante può essere coperto da un candidato attivo adatto.",
    "Try another what-if": "Prova un'altra ipotesi",
    "Chart: each institution pays this much more or less than the ecosystem for the same role, with its 95% interval.":
        "Grafico: quanto ogni ente paga in più o in meno dell'ecosistema per lo stesso ruolo, con l'intervallo al 95%.",
    "Institution pay premiums for the same role": "Differenziale retributivo degli enti per lo stesso ruolo",
    "Premium": "Differenziale", "Positions": "Posizioni",
    "Chart: median and interquartile range of full-time pay for each comparable role; institutions far from the rest in red.":
        "Grafico: mediana e scarto interquartile della retribuzione a tempo pieno per ruolo confrontabile; in rosso gli enti lontani dagli altri.",
    "Institution pay premiums": "Differenziale retributivo degli enti", "Pay by comparable role": "Retribuzione per ruolo confrontabile",
    "pay against the ecosystem for the same role, % (95% interval)": "retribuzione rispetto all'ecosistema per lo stesso ruolo, % (intervallo al 95%)",
    "gross full-time pay, EUR per year (bar: interquartile range; red: outlying institutions)":
        "retribuzione lorda a tempo pieno, EUR l'anno (barra: scarto interquartile; rosso: enti anomali)",
    "The salary models are being fitted: reload in a minute.": "I modelli retributivi sono in stima: ricarica tra un minuto.",
    "There is no such chart.": "Questo grafico non esiste.", "Dates are written YYYY-MM-DD.": "Le date si scrivono AAAA-MM-GG.",
    "The salary raise is a percentage between 0 and 200.": "L'aumento è una percentuale tra 0 e 200.",
    "Hires starting from {start} to {end}. Attracted: lived or mainly worked outside the ecosystem's regions for more than 12 of the 36 months before starting.":
        "Assunzioni con inizio dal {start} al {end}. Attratto: ha vissuto o lavorato soprattutto fuori dalle regioni dell'ecosistema per più di 12 dei 36 mesi prima dell'inizio.",
    "Attracted": "Attratti", "No hires started in this period.": "Nessuna assunzione iniziata nel periodo.", "Hires by origin": "Assunzioni per provenienza", "Quotas": "Quote",
    "(target {target})": "(obiettivo {target})", "met": "raggiunta", "not met": "non raggiunta",
    "From quarter": "Dal trimestre", "To quarter": "Al trimestre", "e.g. 2025-Q1": "ad es. 2025-Q1", "e.g. 2026-Q4": "ad es. 2026-Q4",
    "Export the indicators (CSV)": "Esporta gli indicatori (CSV)",
    "Below: {first} to {last}, indicators with a value.": "Qui sotto: da {first} a {last}, gli indicatori con un valore.", "Quarter": "Trimestre", "Family": "Famiglia",
    "Indicator": "Indicatore", "EU code": "Codice UE", "Value": "Valore", "Unit": "Unità",
    "No indicator has a value in these quarters yet.": "Nessun indicatore ha ancora un valore in questi trimestri.",
    # vocabularies (service.web.i18n.LABELS)
    "R1 · first-stage researcher": "R1 · ricercatore in formazione", "R2 · recognised researcher": "R2 · ricercatore riconosciuto",
    "R3 · established researcher": "R3 · ricercatore affermato", "R4 · leading researcher": "R4 · ricercatore senior",
    "PhD scholarship": "Borsa di dottorato", "Research grant (assegno)": "Assegno di ricerca", "Research contract": "Contratto di ricerca",
    "Fixed-term researcher (RTD-A)": "Ricercatore a tempo determinato (RTD-A)", "Tenure-track researcher (RTT)": "Ricercatore in tenure track (RTT)",
    "Technologist": "Tecnologo", "Research body researcher": "Ricercatore di ente di ricerca", "Company employee": "Dipendente d'impresa",
    "Tech-transfer officer": "Addetto al trasferimento tecnologico", "Other": "Altro",
    "Draft": "Bozza", "Open": "Aperta", "Closed": "Chiusa", "Filled": "Coperta", "Cancelled": "Annullata",
    "per month": "al mese", "per year": "all'anno", "gross to the person": "lordo alla persona", "cost to the employer": "costo per l'ente",
    "On site": "In sede", "Hybrid": "Ibrido", "Remote": "A distanza", "None": "Nessuno", "Bachelor's degree": "Laurea triennale",
    "Master's degree": "Laurea magistrale", "PhD": "Dottorato", "Woman": "Donna", "Man": "Uomo", "Non-binary": "Non binario",
    "Prefer not to say": "Preferisco non dirlo", "Lived": "Vissuto", "Worked": "Lavorato",
    "Applied": "Candidato", "Screening": "Valutazione", "Interview": "Colloquio", "Offer": "Offerta", "Hired": "Assunto",
    "Rejected": "Respinto", "Withdrawn": "Ritirata",
    "Computer science": "Informatica", "Engineering": "Ingegneria", "Physics": "Fisica", "Chemistry": "Chimica",
    "Mathematics": "Matematica", "Biological sciences": "Scienze biologiche", "Medical sciences": "Scienze mediche",
    "Environmental science": "Scienze ambientali", "Agricultural sciences": "Scienze agrarie", "Economics": "Economia",
    "Social sciences": "Scienze sociali", "Humanities": "Scienze umane", "Materials science": "Scienza dei materiali",
    "Earth sciences": "Scienze della Terra", "Architecture": "Architettura",
    "Meaning of the texts": "Significato dei testi", "Words in common": "Parole in comune", "Experience": "Esperienza",
    "Salary": "Retribuzione", "Location": "Sede", "Competition for the post": "Concorrenza per il posto",
    "Contract type": "Tipo di contratto", "Age band": "Fascia d'età",
    "From abroad (foreign)": "Dall'estero (stranieri)", "From abroad (Italians returning)": "Dall'estero (italiani di rientro)",
    "From another Italian region": "Da un'altra regione italiana", "Local": "Locali", "Unknown": "Non noto",
    "Under 36": "Under 36", "Women": "Donne", "Women researchers": "Ricercatrici",
    "Wealth": "Ricchezza", "Sustainability": "Sostenibilità", "Synergy": "Sinergia", "Efficiency": "Efficienza",
    "Company investment": "Investimenti delle imprese", "Collaboration projects": "Progetti di collaborazione",
    "Collaboration contracts": "Contratti di collaborazione", "Revenue streams": "Fonti di ricavo",
    "Service days saved": "Giorni di servizio risparmiati", "Service costs saved": "Costi di servizio risparmiati",
    "Talents attracted": "Talenti attratti", "Jobs created": "Posti di lavoro creati", "Research jobs created": "Posti di ricerca creati",
    "EUR": "EUR", "count": "numero", "EUR per year": "EUR all'anno", "days": "giorni", "people": "persone", "FTE": "ETP",
    # sentences the API writes (service.web.i18n.SENTENCES)
    "meets expectation": "in linea con le attese", "{percent}% below expectation": "{percent}% sotto le attese",
    "remote work": "lavoro a distanza", "unknown": "non noto", "where you live": "dove vivi",
    "a region you would move to": "una regione in cui ti trasferiresti", "hybrid work, outside your regions": "lavoro ibrido, fuori dalle tue regioni",
    "outside the regions you would move to": "fuori dalle regioni in cui ti trasferiresti",
    "where the candidate lives": "dove vive il candidato", "a region the candidate would move to": "una regione in cui il candidato si trasferirebbe",
    "hybrid work, outside the candidate's regions": "lavoro ibrido, fuori dalle regioni del candidato",
    "outside the regions the candidate would move to": "fuori dalle regioni in cui il candidato si trasferirebbe",
    "add '{skill}' if you have it: {count} of your top openings ask for it":
        "aggiungi '{skill}' se ce l'hai: la chiedono {count} delle posizioni più adatte a te",
    "{count} of your top {top} openings pay below your expected salary":
        "{count} delle tue {top} posizioni più adatte pagano meno di quanto ti aspetti",
    "{count} of your top {top} openings are outside the regions you would move to: add regions to widen your search":
        "{count} delle tue {top} posizioni più adatte sono fuori dalle regioni in cui ti trasferiresti: aggiungi regioni per allargare la ricerca",
    "below the ecosystem's market for this role: {posted} EUR gross full-time a year, where 90% of comparable posts pay at least {low}":
        "sotto il mercato dell'ecosistema per questo ruolo: {posted} EUR lordi l'anno a tempo pieno, mentre il 90% delle posizioni confrontabili paga almeno {low}",
    "below the ecosystem's median for this role ({median} EUR): posts paying less fill less often":
        "sotto la mediana dell'ecosistema per questo ruolo ({median} EUR): le posizioni che pagano meno si coprono meno spesso",
    "a 10% premium goes with {effect} points of fill probability (95% interval {low} to {high}; {n} closed positions)":
        "un 10% in più di retribuzione si accompagna a {effect} punti di probabilità di copertura (intervallo al 95% da {low} a {high}; {n} posizioni chiuse)",
    "the data cannot support a claim: a 10% premium goes with {effect} points of fill probability, but the 95% interval {low} to {high} includes no effect ({n} closed positions)":
        "i dati non permettono di concludere: un 10% in più di retribuzione si accompagna a {effect} punti di probabilità di copertura, ma l'intervallo al 95% da {low} a {high} include l'assenza di effetto ({n} posizioni chiuse)",
    "the data cannot support a claim: {n} closed positions with a salary, {filled} of them filled":
        "i dati non permettono di concludere: {n} posizioni chiuse con retribuzione, {filled} coperte",
    "the salary models are being fitted: retry in a minute": "i modelli retributivi sono in stima: riprova tra un minuto",
    "no current candidate has it among their 50 best matches by content (field and topic)":
        "nessun candidato attuale la ha tra le sue 50 più affini per contenuto (settore e tema)",
    "its fitting candidates fill other openings better": "i suoi candidati adatti coprono meglio altri posti",
    "no active candidate has a profile yet": "nessun candidato attivo ha ancora un profilo",
    "career stage": "profilo di carriera", "salary below what fitting candidates expect": "retribuzione sotto le attese dei candidati adatti",
    "location: fitting candidates would not move there": "sede: i candidati adatti non si trasferirebbero lì",
    "a hire needs its start_date": "un'assunzione richiede la data di inizio (start_date)",
    "start_date belongs only to a change to 'hired'": "la data di inizio (start_date) vale solo per un'assunzione",
    "end_date ({end}) is before start_date ({start})": "la data di fine ({end}) precede quella di inizio ({start})",
    "region is a NUTS-2 code of Italy: leave it empty for a place abroad":
        "la regione è un codice NUTS-2 italiano: lasciala vuota per un luogo all'estero",
    "current_region is a NUTS-2 code of Italy: leave it empty when current_country is not IT":
        "la regione è un codice NUTS-2 italiano: lasciala vuota se il paese in cui vivi non è IT",
    "consent must be true: a profile cannot be kept without it": "serve il consenso: senza, il profilo non può essere conservato",
    "give a title in Italian (title_it), English (title_en) or both": "indica un titolo in italiano, in inglese o in entrambe le lingue",
    "give a description in Italian (description_it), English (description_en) or both":
        "indica una descrizione in italiano, in inglese o in entrambe le lingue",
    "salary_min ({low}) is above salary_max ({high})": "la retribuzione minima ({low}) supera la massima ({high})",
    "deadline ({deadline}) is before opening_date ({opening})": "la scadenza ({deadline}) precede l'apertura ({opening})",
    "a position cannot be open with a deadline in the past ({deadline})":
        "una posizione non può essere aperta con una scadenza passata ({deadline})",
    "the application is already '{stage}' and cannot change any more": "la candidatura è già '{stage}' e non può più cambiare",
    "the application is already in stage '{stage}'": "la candidatura è già nella fase '{stage}'",
    "a candidate can only withdraw an application": "un candidato può solo ritirare una candidatura",
    "only the candidate can withdraw an application": "solo il candidato può ritirare una candidatura",
    "an application can be marked 'hired' only after an 'offer'": "una candidatura diventa 'assunto' solo dopo un''offerta'",
    "an application cannot move back from '{current}' to '{target}'": "una candidatura non può tornare da '{current}' a '{target}'",
    "you applied to this position already (application {id})": "ti sei già candidato a questa posizione (candidatura {id})",
    "position {id} does not exist or is not open for applications": "la posizione {id} non esiste o non accetta candidature",
    "an account with email {email} exists already: sign in instead": "esiste già un account con l'email {email}: accedi",
}
