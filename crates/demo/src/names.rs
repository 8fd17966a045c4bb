//! Word lists the demo draws from.

pub const FIRST_NAMES: &[&str] = &[
    "Aiden", "Amara", "Anne", "Arjun", "Beatriz", "Benjamin", "Chloe", "Chen", "Daniel", "Deepa", "Elena", "Emeka",
    "Fatima", "Felix", "Gabriel", "Grace", "Hannah", "Hiroshi", "Isabel", "Ibrahim", "Jasmine", "Jonah", "Kai",
    "Kavya", "Liam", "Leila", "Marcus", "Mei", "Noah", "Nadia", "Olivia", "Omar", "Priya", "Pierre", "Quinn",
    "Rosa", "Ravi", "Sofia", "Samuel", "Tariq", "Thea", "Uma", "Victor", "Valentina", "William", "Wen", "Xavier",
    "Yara", "Yusuf", "Zoe", "Zane", "Émilie", "José", "Siobhán", "Mateo", "Aaliyah", "Ethan", "Ines", "Lucas", "Mira",
];

pub const LAST_NAMES: &[&str] = &[
    "Smith", "Chen", "Patel", "Nguyen", "Tremblay", "Roy", "Gagnon", "Singh", "Kim", "Li", "Wong", "Brown",
    "Martin", "Côté", "Wilson", "Taylor", "Campbell", "Anderson", "MacDonald", "Johnson", "Okafor", "Haddad",
    "Kowalski", "Rossi", "Silva", "Garcia", "Fernandes", "O'Brien", "Murphy", "Ahmed", "Khan", "Sato", "Tanaka",
    "Müller", "Schmidt", "Dubois", "Lefebvre", "Bouchard", "Hassan", "Ali", "Park", "Lee", "Choi", "Ivanova",
    "Petrov", "Cohen", "Levi", "Mensah", "Adeyemi", "Santos", "Costa", "Moreau", "Fournier", "Lam", "Ho",
    "Jensen", "Larsen", "Novak", "Horvat", "Reyes",
];

pub const EMAIL_DOMAINS: &[&str] =
    &["example.com", "mail.example.org", "corp.example.net", "example.ca", "inbox.example.com"];

pub const VENUES: &[(&str, &str, &str, i64)] = &[
    ("Metro Toronto Convention Centre", "255 Front St W", "M5V 2W6", 10_000),
    ("Fairmont Royal York", "100 Front St W", "M5J 1E3", 1_500),
    ("Steam Whistle Brewing", "255 Bremner Blvd", "M5V 3M9", 800),
    ("Design Exchange", "234 Bay St", "M5K 1B2", 600),
    ("Evergreen Brick Works", "550 Bayview Ave", "M4W 3X8", 1_200),
];

pub const COMPANIES: &[(&str, &str, &str)] = &[
    ("Maple Leaf Analytics", "Technology", "medium"),
    ("Lakeshore Financial Group", "Finance", "large"),
    ("Northern Lights Health", "Healthcare", "enterprise"),
    ("Queen West Creative", "Marketing", "small"),
    ("Harbourfront Logistics", "Logistics", "medium"),
    ("Don Valley Energy", "Energy", "large"),
    ("Kensington Foods", "Food & Beverage", "small"),
    ("Bay Street Legal LLP", "Legal", "medium"),
    ("Yonge Robotics", "Technology", "startup"),
    ("CN Tower Tourism Board", "Tourism", "medium"),
    ("Scarborough Manufacturing", "Manufacturing", "large"),
    ("Distillery District Arts", "Arts", "startup"),
];

pub const TITLES: &[&str] = &[
    "Head of Events", "Marketing Director", "VP Operations", "Office Manager", "Chief of Staff",
    "HR Business Partner", "Procurement Lead", "CEO",
];

pub const SESSION_TITLES: &[&str] = &[
    "Opening Keynote", "Building Trustworthy AI", "Panel: The Future of Work", "Hands-on: Data Pipelines",
    "Networking Lunch", "Scaling Teams Without Chaos", "Closing Keynote", "Design Systems in Practice",
];
